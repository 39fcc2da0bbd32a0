package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * web/openapi.yaml describes exactly the routes of template.yaml: every HttpApi event of every
 * function is documented, nothing else is, each operation answers something successful and, when it
 * takes input, a problem; every reference in the document points at something defined.
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");

    private static Template template;
    private static Map<String, Object> document;

    @BeforeAll
    static void load() throws IOException {
        Path root = root();
        template = Template.load(root.resolve("template.yaml"));
        try (Reader reader =
                Files.newBufferedReader(root.resolve("web/openapi.yaml"), StandardCharsets.UTF_8)) {
            Object loaded = new Yaml().load(reader);
            assertTrue(loaded instanceof Map<?, ?>, "web/openapi.yaml must be a YAML mapping");
            document = Template.map(loaded);
        }
    }

    private static Path root() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return Files.exists(here.resolve("template.yaml")) ? here : here.getParent();
    }

    @Test
    void document_shouldBeOpenApi31() {
        assertTrue(
                String.valueOf(document.get("openapi")).startsWith("3.1"),
                "openapi: 3.1.x expected");
        assertFalse(Template.list(document.get("servers")).isEmpty(), "servers are listed");
    }

    @Test
    void operations_shouldBeExactlyTheTemplatesHttpApiRoutes() {
        Set<String> routes = templateRoutes();
        Set<String> documented = new TreeSet<>(operations().keySet());
        assertFalse(routes.isEmpty(), "template.yaml has HttpApi routes");

        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(routes);
        assertEquals(
                routes,
                documented,
                "web/openapi.yaml and template.yaml disagree; routes missing from the document: "
                        + missing
                        + "; documented routes the template does not have: "
                        + extra);
    }

    @Test
    void everyOperation_shouldHaveASummary_aSuccessAnswer_andAProblemWhenItTakesInput() {
        List<String> failures = new ArrayList<>();
        operations()
                .forEach(
                        (route, operation) -> {
                            if (String.valueOf(operation.getOrDefault("summary", "")).isBlank()) {
                                failures.add(route + ": no summary");
                            }
                            Map<String, Object> responses =
                                    Template.map(operation.get("responses"));
                            Set<String> codes = new TreeSet<>();
                            responses.keySet().forEach(code -> codes.add(String.valueOf(code)));
                            if (codes.stream()
                                    .noneMatch(
                                            code -> code.startsWith("2") || code.startsWith("3"))) {
                                failures.add(
                                        route + ": no 2xx or 3xx response (has " + codes + ")");
                            }
                            if (takesInput(route, operation)) {
                                boolean problem =
                                        responses.entrySet().stream()
                                                .filter(
                                                        e ->
                                                                String.valueOf(e.getKey())
                                                                        .startsWith("4"))
                                                .anyMatch(e -> isProblemResponse(e.getValue()));
                                if (!problem) {
                                    failures.add(
                                            route
                                                    + ": takes input but has no 4xx application/problem+json response using "
                                                    + PROBLEM);
                                }
                            }
                        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void everyPathTemplateVariable_shouldBeARequiredPathParameter() {
        List<String> failures = new ArrayList<>();
        Map<String, Object> paths = Template.map(document.get("paths"));
        paths.forEach(
                (path, item) -> {
                    Map<String, Object> pathItem = Template.map(item);
                    Matcher matcher = PATH_PARAMETER.matcher(path);
                    while (matcher.find()) {
                        String name = matcher.group(1);
                        for (Map.Entry<String, Object> entry : pathItem.entrySet()) {
                            if (!METHODS.contains(entry.getKey())) {
                                continue;
                            }
                            List<Object> parameters =
                                    new ArrayList<>(Template.list(pathItem.get("parameters")));
                            parameters.addAll(
                                    Template.list(
                                            Template.map(entry.getValue()).get("parameters")));
                            boolean declared =
                                    parameters.stream()
                                            .map(OpenApiDocumentTest::resolve)
                                            .map(Template::map)
                                            .anyMatch(
                                                    p ->
                                                            name.equals(p.get("name"))
                                                                    && "path".equals(p.get("in"))
                                                                    && Boolean.TRUE.equals(
                                                                            p.get("required")));
                            if (!declared) {
                                failures.add(
                                        entry.getKey().toUpperCase(Locale.ROOT)
                                                + " "
                                                + path
                                                + ": no required path parameter '"
                                                + name
                                                + "'");
                            }
                        }
                    }
                });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void everyReference_shouldResolveToADefinedComponent() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);
        assertFalse(references.isEmpty(), "the document uses components");
        List<String> broken = new ArrayList<>();
        for (String reference : new TreeSet<>(references)) {
            if (!reference.startsWith("#/components/") || pointer(reference) == null) {
                broken.add(reference);
            }
        }
        assertTrue(broken.isEmpty(), "$ref that do not resolve to a defined component: " + broken);
    }

    /** "METHOD /path" of every HttpApi event of every function in the template. */
    private static Set<String> templateRoutes() {
        Set<String> routes = new TreeSet<>();
        template.resourcesOfType("AWS::Serverless::Function")
                .forEach(
                        (id, function) -> {
                            Map<String, Object> events =
                                    Template.map(
                                            Template.map(function.get("Properties")).get("Events"));
                            events.forEach(
                                    (name, value) -> {
                                        Map<String, Object> event = Template.map(value);
                                        if (!"HttpApi".equals(event.get("Type"))) {
                                            return;
                                        }
                                        Map<String, Object> properties =
                                                Template.map(event.get("Properties"));
                                        Object method = properties.get("Method");
                                        Object path = properties.get("Path");
                                        assertTrue(
                                                method instanceof String && path instanceof String,
                                                id
                                                        + "."
                                                        + name
                                                        + ": an HttpApi event needs a literal Method and Path");
                                        routes.add(
                                                ((String) method).toUpperCase(Locale.ROOT)
                                                        + " "
                                                        + path);
                                    });
                        });
        return routes;
    }

    /** "METHOD /path" to operation object, for every operation of the document. */
    private static Map<String, Map<String, Object>> operations() {
        Map<String, Map<String, Object>> operations = new java.util.TreeMap<>();
        Template.map(document.get("paths"))
                .forEach(
                        (path, item) ->
                                Template.map(item)
                                        .forEach(
                                                (key, operation) -> {
                                                    if (METHODS.contains(key)) {
                                                        operations.put(
                                                                key.toUpperCase(Locale.ROOT)
                                                                        + " "
                                                                        + path,
                                                                Template.map(operation));
                                                    }
                                                }));
        return operations;
    }

    /** A request body, or a path or query parameter (at path or operation level). */
    private static boolean takesInput(String route, Map<String, Object> operation) {
        if (operation.containsKey("requestBody")) {
            return true;
        }
        String path = route.substring(route.indexOf(' ') + 1);
        List<Object> parameters = new ArrayList<>(Template.list(operation.get("parameters")));
        parameters.addAll(
                Template.list(
                        Template.map(Template.map(document.get("paths")).get(path))
                                .get("parameters")));
        return parameters.stream()
                .map(OpenApiDocumentTest::resolve)
                .map(Template::map)
                .anyMatch(p -> "path".equals(p.get("in")) || "query".equals(p.get("in")));
    }

    private static boolean isProblemResponse(Object response) {
        Map<String, Object> content = Template.map(Template.map(resolve(response)).get("content"));
        return content.entrySet().stream()
                .filter(e -> e.getKey().startsWith("application/problem+json"))
                .map(e -> Template.map(Template.map(e.getValue()).get("schema")))
                .anyMatch(schema -> PROBLEM.equals(schema.get("$ref")));
    }

    /**
     * The object a {@code $ref} points at (followed until it is not a reference), else the value
     * itself.
     */
    private static Object resolve(Object value) {
        Object current = value;
        for (int hops = 0; hops < 10; hops++) {
            Object reference = Template.map(current).get("$ref");
            if (!(reference instanceof String text)) {
                return current;
            }
            Object target = pointer(text);
            if (target == null) {
                return current;
            }
            current = target;
        }
        return current;
    }

    /** The value at a local JSON pointer ({@code #/a/b}), or null when nothing is there. */
    private static Object pointer(String reference) {
        if (!reference.startsWith("#/")) {
            return null;
        }
        Object current = document;
        for (String token : reference.substring(2).split("/", -1)) {
            String key = token.replace("~1", "/").replace("~0", "~");
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    private static void collectReferences(Object node, List<String> references) {
        if (node instanceof Map<?, ?> map) {
            map.forEach(
                    (key, value) -> {
                        if ("$ref".equals(key)) {
                            references.add(String.valueOf(value));
                        } else {
                            collectReferences(value, references);
                        }
                    });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectReferences(item, references));
        }
    }
}

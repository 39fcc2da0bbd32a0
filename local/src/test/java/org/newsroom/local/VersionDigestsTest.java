package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * Every parameter change reaches {@code live}: template.yaml transformed with aws-sam-translator
 * (as CloudFormation's SAM transform does) with two parameter sets that differ in every parameter a
 * function's environment uses, and with two code locations. With the digests {@code make deploy}
 * sets, each function whose code or resolved environment differs gets a new version logical id, and
 * the others keep theirs; without them (plain {@code sam deploy}) a parameter-only change publishes
 * nothing, the defect the digests fix.
 *
 * <p>Needs python3 with aws-sam-translator; skipped with a message when they are missing, unless
 * {@code NEWSROOM_REQUIRE_SAM_TRANSLATOR} is set (CI sets it, so there it fails instead).
 */
class VersionDigestsTest {

    private static Path root;

    @TempDir Path work;

    @BeforeAll
    static void translatorAvailable() throws Exception {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        root = Files.exists(here.resolve("template.yaml")) ? here : here.getParent();
        boolean available;
        try {
            Process probe =
                    new ProcessBuilder("python3", "-c", "import samtranslator")
                            .redirectErrorStream(true)
                            .start();
            probe.getInputStream().readAllBytes();
            available = probe.waitFor() == 0;
        } catch (IOException e) {
            available = false;
        }
        String message =
                "python3 with aws-sam-translator is needed to transform template.yaml"
                        + " (pip install aws-sam-translator)";
        if (!available && System.getenv("NEWSROOM_REQUIRE_SAM_TRANSLATOR") != null) {
            fail(message);
        }
        Assumptions.assumeTrue(available, message + ": skipping the version test");
    }

    @Test
    void versions_shouldChange_exactlyForFunctionsWhoseCodeOrResolvedEnvironmentChanged()
            throws Exception {
        Template template = template();
        Map<String, Set<String>> environmentParameters = environmentParameters(template);
        Map<String, String> changed = changedValues(template, environmentParameters);

        Map<String, String> before = versions(Map.of(), "x", true);
        Map<String, String> again = versions(Map.of(), "x", true);
        Map<String, String> newParameters = versions(changed, "x", true);
        Map<String, String> newCode = versions(Map.of(), "y", true);
        print(before, newParameters, newCode);

        assertEquals(before, again, "an unchanged deploy publishes nothing");
        assertEquals(environmentParameters.keySet(), before.keySet());
        for (String function : before.keySet()) {
            boolean usesParameters = !environmentParameters.get(function).isEmpty();
            if (usesParameters) {
                assertNotEquals(
                        before.get(function),
                        newParameters.get(function),
                        function + " uses " + environmentParameters.get(function));
            } else {
                assertEquals(before.get(function), newParameters.get(function), function);
            }
            assertNotEquals(before.get(function), newCode.get(function), function + " new code");
        }
        assertTrue(
                environmentParameters.values().stream().filter(s -> !s.isEmpty()).count() >= 10,
                "most functions read parameters: " + environmentParameters);
    }

    @Test
    void plainSamDeploy_shouldStillPublishNewCode_butNotParameterChanges() throws Exception {
        Map<String, Set<String>> environmentParameters = environmentParameters(template());
        Map<String, String> changed = changedValues(template(), environmentParameters);
        Map<String, String> before = versions(Map.of(), "x", false);
        assertEquals(
                before,
                versions(changed, "x", false),
                "SAM alone ignores parameter values: why make deploy sets the digests");
        Map<String, String> newCode = versions(Map.of(), "y", false);
        before.forEach((function, version) -> assertNotEquals(version, newCode.get(function)));
    }

    @Test
    void parametersUsed_shouldFollowConditions() {
        Template template = template();
        Object signup =
                Template.map(template.resources().get("NewsletterSignupFunction"))
                        .get("Properties");
        Set<String> used = VersionDigests.parametersUsed(template, signup);
        assertTrue(used.contains("TurnstileProtection"), used.toString());
        assertTrue(used.contains("SignupConcurrency"), used.toString());
        assertFalse(used.contains("SubscriptionsTable"), "resources are not parameters");
    }

    private static Template template() {
        return Template.load(root.resolve("template.yaml"));
    }

    /** Each function's parameters its environment (its own and the globals') refers to. */
    private static Map<String, Set<String>> environmentParameters(Template template) {
        Map<String, Set<String>> used = new TreeMap<>();
        Object globalEnvironment = template.functionGlobals().get("Environment");
        template.resourcesOfType("AWS::Serverless::Function")
                .forEach(
                        (id, resource) ->
                                used.put(
                                        id,
                                        VersionDigests.parametersUsed(
                                                template,
                                                List.of(
                                                        globalEnvironment == null
                                                                ? Map.of()
                                                                : globalEnvironment,
                                                        Template.map(
                                                                Template.map(
                                                                                resource.get(
                                                                                        "Properties"))
                                                                        .get("Environment"))))));
        return used;
    }

    /** A different value for every parameter a function's environment uses. */
    private static Map<String, String> changedValues(
            Template template, Map<String, Set<String>> environmentParameters) {
        Set<String> all = new TreeSet<>();
        environmentParameters.values().forEach(all::addAll);
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : all) {
            Map<String, Object> spec = Template.map(template.parameters().get(name));
            String current = String.valueOf(spec.getOrDefault("Default", ""));
            List<Object> allowed = Template.list(spec.get("AllowedValues"));
            String type = String.valueOf(spec.get("Type"));
            String next;
            if (!allowed.isEmpty()) {
                next =
                        allowed.stream()
                                .map(String::valueOf)
                                .filter(v -> !v.equals(current))
                                .findFirst()
                                .orElseThrow();
            } else if (type.equals("Number")) {
                next = String.valueOf(Long.parseLong(current.isEmpty() ? "0" : current) + 1);
            } else if (type.startsWith("CommaDelimitedList")) {
                next = "https://changed.example.net";
            } else {
                next = current.isEmpty() ? "changed" : current + "-changed";
            }
            values.put(name, next);
        }
        return values;
    }

    /** Each function's published version logical id after the transform. */
    private Map<String, String> versions(
            Map<String, String> parameters, String codeVariant, boolean digests) throws Exception {
        Template template = template();
        Map<String, String> code = new TreeMap<>();
        template.resourcesOfType("AWS::Serverless::Function")
                .forEach(
                        (id, resource) -> {
                            String uri =
                                    "s3://newsroom-version-test/" + codeVariant + "/" + id + ".zip";
                            Template.map(resource.get("Properties")).put("CodeUri", uri);
                            code.put(id, uri);
                        });
        Map<String, Object> tree =
                digests
                        ? VersionDigests.withDigests(
                                template, VersionDigests.digests(template, parameters, code))
                        : template.root();
        String name = codeVariant + parameters.hashCode() + digests;
        Path in = work.resolve(name + "-template.json");
        Path params = work.resolve(name + "-parameters.json");
        Path out = work.resolve(name + "-transformed.json");
        Files.writeString(in, Json.write(tree));
        Files.writeString(params, Json.write(parameters));
        Process transform =
                new ProcessBuilder(
                                "python3",
                                root.resolve(".ci/sam-transform-check.py").toString(),
                                "--template",
                                in.toString(),
                                "--parameters",
                                params.toString(),
                                "--output",
                                out.toString(),
                                "--no-lint")
                        .redirectErrorStream(true)
                        .start();
        String output =
                new String(transform.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, transform.waitFor(), output);
        JsonNode resources = Json.read(java.nio.file.Files.readAllBytes(out)).path("Resources");
        Map<String, String> versions = new TreeMap<>();
        resources
                .properties()
                .forEach(
                        e -> {
                            if (e.getValue().path("Type").asText().equals("AWS::Lambda::Version")) {
                                String function =
                                        e.getValue()
                                                .path("Properties")
                                                .path("FunctionName")
                                                .path("Ref")
                                                .asText();
                                versions.put(function, e.getKey());
                            }
                        });
        return versions;
    }

    private static void print(
            Map<String, String> before, Map<String, String> parameters, Map<String, String> code) {
        System.out.println("function: version (defaults, code x) | new parameters | new code");
        before.forEach(
                (function, version) ->
                        System.out.println(
                                "  "
                                        + version
                                        + " | "
                                        + parameters.get(function)
                                        + " | "
                                        + code.get(function)));
    }
}

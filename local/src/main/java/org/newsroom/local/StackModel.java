package org.newsroom.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * The template read for local use: parameter values (template defaults, overridden by {@code
 * local/parameters.json}, overridden by {@code NEWSROOM_PARAM_<Name>} variables) and the functions
 * with their environments resolved against the local resources.
 */
public final class StackModel {

    private final Template template;
    private final Map<String, Object> parameters;

    private StackModel(Template template, Map<String, Object> parameters) {
        this.template = template;
        this.parameters = parameters;
    }

    public static StackModel load(Path root, Map<String, String> overrides) {
        Template template = Template.load(root.resolve("template.yaml"));
        Map<String, Object> parameters = new LinkedHashMap<>();
        template.parameters()
                .forEach(
                        (name, spec) -> {
                            Object def = Template.map(spec).get("Default");
                            parameters.put(name, def == null ? "" : String.valueOf(def));
                        });
        Path local = root.resolve("local/parameters.json");
        if (Files.exists(local)) {
            try {
                JsonNode node = Json.read(Files.readString(local));
                node.fields()
                        .forEachRemaining(
                                e -> {
                                    if (!e.getKey().startsWith("//")) {
                                        parameters.put(e.getKey(), e.getValue().asText());
                                    }
                                });
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + local + ": " + e.getMessage(), e);
            }
        }
        overrides.forEach(parameters::put);
        System.getenv()
                .forEach(
                        (name, value) -> {
                            if (name.startsWith("NEWSROOM_PARAM_")) {
                                parameters.put(name.substring("NEWSROOM_PARAM_".length()), value);
                            }
                        });
        template.parameters()
                .forEach(
                        (name, spec) -> {
                            Object value = parameters.get(name);
                            if (String.valueOf(Template.map(spec).get("Type"))
                                            .startsWith("CommaDelimitedList")
                                    && value instanceof String text) {
                                parameters.put(
                                        name,
                                        java.util.Arrays.stream(text.split(","))
                                                .map(String::trim)
                                                .filter(v -> !v.isEmpty())
                                                .toList());
                            }
                        });
        return new StackModel(template, parameters);
    }

    public Template template() {
        return template;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    public String parameter(String name) {
        Object value = parameters.get(name);
        return value == null ? "" : String.valueOf(value);
    }

    /**
     * Intrinsics resolved with {@code attributes} answering {@code GetAtt} for provisioned
     * resources.
     */
    Intrinsics intrinsics(
            java.util.function.Function<String, String> refs,
            BiFunction<String, String, String> attributes) {
        return new Intrinsics(parameters, template.conditions(), refs, attributes);
    }

    /** What {@code Ref} of a resource gives locally before the emulator has made it. */
    String physicalId(String logicalId) {
        Map<String, Object> resource = Template.map(template.resources().get(logicalId));
        if (resource.isEmpty()) {
            throw new IllegalStateException(
                    "template.yaml refers to an unknown resource or parameter: " + logicalId);
        }
        String type = String.valueOf(resource.get("Type"));
        return switch (type) {
            case "AWS::SQS::Queue" ->
                    "http://sqs."
                            + Intrinsics.REGION
                            + ".localhost/"
                            + Intrinsics.ACCOUNT
                            + "/"
                            + logicalId;
            case "AWS::SNS::Topic" ->
                    "arn:aws:sns:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":" + logicalId;
            default -> logicalId;
        };
    }

    /** Every function with its environment resolved. */
    public Map<String, FunctionSpec> functions(
            java.util.function.Function<String, String> refs,
            BiFunction<String, String, String> attributes) {
        Intrinsics intrinsics = intrinsics(refs, attributes);
        Map<String, Object> globals = template.functionGlobals();
        Map<String, FunctionSpec> functions = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Serverless::Function")
                .forEach(
                        (id, resource) -> {
                            Map<String, Object> props = Template.map(resource.get("Properties"));
                            Map<String, String> env = new LinkedHashMap<>();
                            Template.map(
                                            Template.map(
                                                    Template.map(globals.get("Environment"))
                                                            .get("Variables")))
                                    .forEach((k, v) -> env.put(k, intrinsics.string(v)));
                            Template.map(Template.map(props.get("Environment")).get("Variables"))
                                    .forEach((k, v) -> env.put(k, intrinsics.string(v)));
                            String handler = String.valueOf(props.get("Handler"));
                            int sep = handler.indexOf("::");
                            String handlerClass = sep < 0 ? handler : handler.substring(0, sep);
                            Map<String, Map<String, Object>> events = new LinkedHashMap<>();
                            Template.map(props.get("Events"))
                                    .forEach(
                                            (name, event) -> events.put(name, Template.map(event)));
                            functions.put(
                                    id,
                                    new FunctionSpec(
                                            id,
                                            handlerClass,
                                            Map.copyOf(env),
                                            events,
                                            Template.map(resource.get("Metadata"))));
                        });
        return functions;
    }
}

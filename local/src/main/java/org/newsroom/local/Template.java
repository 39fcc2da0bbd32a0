package org.newsroom.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as plain maps and lists. CloudFormation's short-form tags ({@code !Ref}, {@code
 * !GetAtt}, {@code !Sub}, ...) become their long form ({@code {"Ref": ...}}), so the rest of the
 * local stack sees one shape.
 */
public final class Template {

    private static final List<String> FUNCTIONS =
            List.of(
                    "Base64",
                    "Cidr",
                    "FindInMap",
                    "GetAtt",
                    "GetAZs",
                    "ImportValue",
                    "Join",
                    "Select",
                    "Split",
                    "Sub",
                    "Transform",
                    "And",
                    "Equals",
                    "If",
                    "Not",
                    "Or");

    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    public static Template load(Path file) {
        LoaderOptions options = new LoaderOptions();
        Yaml yaml = new Yaml(new CloudFormationConstructor(options));
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, Object> root = yaml.load(reader);
            return new Template(root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The whole template as loaded (intrinsics as their long-form maps). */
    Map<String, Object> root() {
        return root;
    }

    public Map<String, Object> parameters() {
        return map(root.get("Parameters"));
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    public Map<String, Object> conditions() {
        return map(root.get("Conditions"));
    }

    /** {@code Globals.Function}, or empty. */
    public Map<String, Object> functionGlobals() {
        return map(map(root.get("Globals")).get("Function"));
    }

    /** The resources of one type, in template order, by logical id. */
    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources()
                .forEach(
                        (id, value) -> {
                            Map<String, Object> resource = map(value);
                            if (type.equals(resource.get("Type"))) {
                                found.put(id, resource);
                            }
                        });
        return found;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String name : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + name), new Intrinsic("Fn::" + name));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                    if (key.equals("Fn::GetAtt")) {
                        String text = (String) value;
                        int dot = text.indexOf('.');
                        value = List.of(text.substring(0, dot), text.substring(dot + 1));
                    }
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> wrapped = new LinkedHashMap<>();
                wrapped.put(key, value);
                return wrapped;
            }
        }
    }
}

package org.newsroom.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions the way a deployment would, with local values:
 * parameters from their defaults (or local overrides), {@code Ref} of a resource to its local
 * physical id, {@code GetAtt} to the attributes the emulator reports.
 */
final class Intrinsics {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    static final String STACK = "newsroom-local";

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!]+)}");

    private final Map<String, Object> parameters;
    private final Map<String, Object> conditions;
    private final Function<String, String> refs;
    private final BiFunction<String, String, String> attributes;

    Intrinsics(
            Map<String, Object> parameters,
            Map<String, Object> conditions,
            Function<String, String> refs,
            BiFunction<String, String, String> attributes) {
        this.parameters = parameters;
        this.conditions = conditions;
        this.refs = refs;
        this.attributes = attributes;
    }

    /** The value with every intrinsic resolved; lists and maps are resolved element by element. */
    Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object arg = map.values().iterator().next();
                switch (key) {
                    case "Ref":
                        return ref(String.valueOf(arg));
                    case "Fn::GetAtt":
                        {
                            List<Object> parts = Template.list(arg);
                            return attributes.apply(
                                    String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
                        }
                    case "Fn::Sub":
                        return sub(arg);
                    case "Fn::Join":
                        {
                            List<Object> parts = Template.list(arg);
                            List<String> items = new ArrayList<>();
                            for (Object item : Template.list(resolve(parts.get(1)))) {
                                items.add(String.valueOf(item));
                            }
                            return String.join(String.valueOf(parts.get(0)), items);
                        }
                    case "Fn::Select":
                        {
                            List<Object> parts = Template.list(arg);
                            int index = Integer.parseInt(String.valueOf(resolve(parts.get(0))));
                            return Template.list(resolve(parts.get(1))).get(index);
                        }
                    case "Fn::Split":
                        {
                            List<Object> parts = Template.list(arg);
                            return List.of(
                                    String.valueOf(resolve(parts.get(1)))
                                            .split(
                                                    Pattern.quote(String.valueOf(parts.get(0))),
                                                    -1));
                        }
                    case "Fn::If":
                        {
                            List<Object> parts = Template.list(arg);
                            return condition(String.valueOf(parts.get(0)))
                                    ? resolve(parts.get(1))
                                    : resolve(parts.get(2));
                        }
                    case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition":
                        return truth(map);
                    default:
                        break;
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((k, v) -> resolved.put(String.valueOf(k), resolve(v)));
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object r = resolve(item);
                if (!"AWS::NoValue".equals(r)) {
                    resolved.add(r);
                }
            }
            return resolved;
        }
        return value;
    }

    /** Resolves and renders a scalar as the string an environment variable would hold. */
    String string(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(i -> items.add(String.valueOf(i)));
            return String.join(",", items);
        }
        return resolved == null ? "" : String.valueOf(resolved);
    }

    boolean condition(String name) {
        Object definition = conditions.get(name);
        if (definition == null) {
            throw new IllegalStateException("template.yaml uses an undefined condition " + name);
        }
        return truth(definition);
    }

    private boolean truth(Object expression) {
        Map<String, Object> map = Template.map(expression);
        String key = map.keySet().iterator().next();
        List<Object> args = Template.list(map.get(key));
        return switch (key) {
            case "Fn::Equals" ->
                    String.valueOf(resolveScalar(args.get(0)))
                            .equals(String.valueOf(resolveScalar(args.get(1))));
            case "Fn::Not" -> !truth(args.get(0));
            case "Fn::And" -> args.stream().allMatch(this::truth);
            case "Fn::Or" -> args.stream().anyMatch(this::truth);
            case "Condition" -> condition(String.valueOf(map.get(key)));
            default -> throw new IllegalStateException("Not a condition: " + key);
        };
    }

    private Object resolveScalar(Object value) {
        Object resolved = resolve(value);
        return resolved instanceof List<?> ? string(value) : resolved;
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::StackName":
                return STACK;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return "AWS::NoValue";
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        return refs.apply(name);
    }

    private String sub(Object arg) {
        String text;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> list) {
            text = String.valueOf(list.get(0));
            variables = Template.map(list.get(1));
        } else {
            text = String.valueOf(arg);
        }
        Matcher matcher = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            String value;
            if (variables.containsKey(name)) {
                value = string(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                value = attributes.apply(name.substring(0, dot), name.substring(dot + 1));
            } else {
                value =
                        String.valueOf(
                                ref(name) instanceof List<?> l
                                        ? String.join(",", l.stream().map(String::valueOf).toList())
                                        : ref(name));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString().replace("${!", "${");
    }
}

package org.newsroom.local;

import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function} of the template: its handler class, its resolved
 * environment (Globals merged with its own) and its events, raw as the template states them.
 */
public record FunctionSpec(
        String logicalId,
        String handlerClass,
        Map<String, String> environment,
        Map<String, Map<String, Object>> events,
        Map<String, Object> metadata) {

    /** The events of one SAM event type (HttpApi, DynamoDB, SNS, Schedule, ...), by name. */
    public Map<String, Map<String, Object>> eventsOfType(String type) {
        Map<String, Map<String, Object>> found = new java.util.LinkedHashMap<>();
        events.forEach(
                (name, event) -> {
                    if (type.equals(event.get("Type"))) {
                        found.put(name, Template.map(event.get("Properties")));
                    }
                });
        return found;
    }

    /**
     * The JVM options the template gives the function (JAVA_TOOL_OPTIONS), split into arguments.
     */
    public List<String> jvmOptions() {
        String options = environment.getOrDefault("JAVA_TOOL_OPTIONS", "").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }
}

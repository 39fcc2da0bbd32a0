package org.newsroom.core.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.newsroom.core.json.JsonNode;

/**
 * Reading the JSON tree of an event into the event library's plain values (the HTTP, stream, queue
 * and notification events alike).
 */
public final class Fields {

    private Fields() {}

    /** The field as text; {@code null} when absent or JSON null. */
    public static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The field as an object, or {@code null} when it is absent or not an object. */
    public static JsonNode object(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isObject() ? value : null;
    }

    public static <T> List<T> list(JsonNode json, Function<JsonNode, T> item) {
        if (json == null || !json.isArray()) {
            return null;
        }
        List<T> values = new ArrayList<>(json.size());
        json.forEach(v -> values.add(v.isNull() ? null : item.apply(v)));
        return values;
    }

    public static <T> Map<String, T> map(JsonNode json, Function<JsonNode, T> value) {
        if (json == null || !json.isObject()) {
            return null;
        }
        Map<String, T> values = new LinkedHashMap<>();
        json.fields()
                .forEachRemaining(
                        f ->
                                values.put(
                                        f.getKey(),
                                        f.getValue().isNull() ? null : value.apply(f.getValue())));
        return values;
    }
}

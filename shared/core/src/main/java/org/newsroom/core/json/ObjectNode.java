package org.newsroom.core.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A JSON object; fields keep the order they were put or parsed in. */
public final class ObjectNode extends JsonNode {

    private final Map<String, JsonNode> fields = new LinkedHashMap<>();

    ObjectNode() {}

    @Override
    public boolean isObject() {
        return true;
    }

    @Override
    public JsonNode get(String field) {
        return fields.get(field);
    }

    @Override
    public boolean has(String field) {
        return fields.containsKey(field);
    }

    @Override
    public int size() {
        return fields.size();
    }

    @Override
    public Iterator<JsonNode> elements() {
        return Collections.unmodifiableCollection(fields.values()).iterator();
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> properties() {
        return Collections.unmodifiableMap(fields).entrySet();
    }

    @Override
    public Iterator<String> fieldNames() {
        return Collections.unmodifiableSet(fields.keySet()).iterator();
    }

    @Override
    public String asText() {
        return "";
    }

    /** Sets the field ({@code null} becomes JSON null) and returns this object. */
    @SuppressWarnings("unchecked")
    public <T extends JsonNode> T set(String field, JsonNode value) {
        fields.put(field, value == null ? NullNode.INSTANCE : value);
        return (T) this;
    }

    /** Sets the field and returns the value it replaced, or {@code null}. */
    public JsonNode replace(String field, JsonNode value) {
        return fields.put(field, value == null ? NullNode.INSTANCE : value);
    }

    public JsonNode remove(String field) {
        return fields.remove(field);
    }

    public ObjectNode put(String field, String value) {
        return set(field, TextNode.valueOf(value));
    }

    public ObjectNode put(String field, int value) {
        return set(field, NumberNode.valueOf(value));
    }

    public ObjectNode put(String field, long value) {
        return set(field, NumberNode.valueOf(value));
    }

    public ObjectNode put(String field, double value) {
        return set(field, NumberNode.valueOf(value));
    }

    public ObjectNode put(String field, boolean value) {
        return set(field, BooleanNode.valueOf(value));
    }

    public ObjectNode put(String field, Integer value) {
        return set(field, value == null ? null : NumberNode.valueOf(value.intValue()));
    }

    public ObjectNode put(String field, Long value) {
        return set(field, value == null ? null : NumberNode.valueOf(value.longValue()));
    }

    public ObjectNode put(String field, Boolean value) {
        return set(field, value == null ? null : BooleanNode.valueOf(value));
    }

    public ObjectNode put(String field, BigDecimal value) {
        return set(field, value == null ? null : NumberNode.valueOf(value));
    }

    public ObjectNode putNull(String field) {
        return set(field, NullNode.INSTANCE);
    }

    /** Puts a new empty object under the field and returns it. */
    public ObjectNode putObject(String field) {
        ObjectNode child = new ObjectNode();
        fields.put(field, child);
        return child;
    }

    /** Puts a new empty array under the field and returns it. */
    public ArrayNode putArray(String field) {
        ArrayNode child = new ArrayNode();
        fields.put(field, child);
        return child;
    }

    @Override
    public Object toPlain() {
        Map<String, Object> plain = new LinkedHashMap<>();
        fields.forEach((k, v) -> plain.put(k, v.toPlain()));
        return plain;
    }

    @Override
    void write(JsonWriter out) {
        out.startObject();
        for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
            out.name(field.getKey());
            field.getValue().write(out);
        }
        out.endObject();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectNode o && o.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }
}

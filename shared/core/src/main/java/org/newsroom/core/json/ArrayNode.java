package org.newsroom.core.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** A JSON array. */
public final class ArrayNode extends JsonNode {

    private final List<JsonNode> elements = new ArrayList<>();

    ArrayNode() {}

    @Override
    public boolean isArray() {
        return true;
    }

    @Override
    public JsonNode get(int index) {
        return index >= 0 && index < elements.size() ? elements.get(index) : null;
    }

    @Override
    public int size() {
        return elements.size();
    }

    @Override
    public Iterator<JsonNode> elements() {
        return Collections.unmodifiableList(elements).iterator();
    }

    @Override
    public String asText() {
        return "";
    }

    /** Appends the value ({@code null} becomes JSON null) and returns this array. */
    public ArrayNode add(JsonNode value) {
        elements.add(value == null ? NullNode.INSTANCE : value);
        return this;
    }

    public ArrayNode add(String value) {
        return add(TextNode.valueOf(value));
    }

    public ArrayNode add(int value) {
        return add(NumberNode.valueOf(value));
    }

    public ArrayNode add(long value) {
        return add(NumberNode.valueOf(value));
    }

    public ArrayNode add(double value) {
        return add(NumberNode.valueOf(value));
    }

    public ArrayNode add(boolean value) {
        return add(BooleanNode.valueOf(value));
    }

    public ArrayNode add(BigDecimal value) {
        return add(value == null ? null : NumberNode.valueOf(value));
    }

    /** Appends a new empty object and returns it. */
    public ObjectNode addObject() {
        ObjectNode child = new ObjectNode();
        elements.add(child);
        return child;
    }

    /** Appends a new empty array and returns it. */
    public ArrayNode addArray() {
        ArrayNode child = new ArrayNode();
        elements.add(child);
        return child;
    }

    public JsonNode remove(int index) {
        return index >= 0 && index < elements.size() ? elements.remove(index) : null;
    }

    @Override
    public Object toPlain() {
        List<Object> plain = new ArrayList<>(elements.size());
        elements.forEach(v -> plain.add(v.toPlain()));
        return plain;
    }

    @Override
    void write(JsonWriter out) {
        out.startArray();
        for (JsonNode element : elements) {
            element.write(out);
        }
        out.endArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArrayNode a && a.elements.equals(elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }
}

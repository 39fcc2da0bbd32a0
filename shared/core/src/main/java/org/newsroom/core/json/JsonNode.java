package org.newsroom.core.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A JSON value: object, array, text, number, boolean, null, or the "missing" value that {@link
 * #path(String)} returns for an absent field so that lookups can be chained without null checks.
 *
 * <p>A small tree of the project's own, read and written with Jackson's streaming core ({@link
 * JsonReader}, {@link JsonWriter}) rather than Jackson's data-binding tree: building the
 * data-binding mapper loads several hundred classes that every cold start paid for (the README's
 * benchmark notes). The accessors keep the names and lenient conversions of Jackson's tree ({@code
 * asText()} never fails, {@code get} returns {@code null} for an absent field, {@code path} a
 * missing node); {@code JsonAgainstJacksonTest} holds them to it.
 */
public abstract class JsonNode implements Iterable<JsonNode> {

    JsonNode() {}

    public boolean isObject() {
        return false;
    }

    public boolean isArray() {
        return false;
    }

    public boolean isTextual() {
        return false;
    }

    public boolean isNumber() {
        return false;
    }

    /** A number written without fraction or exponent. */
    public boolean isIntegralNumber() {
        return false;
    }

    /** A whole number that fits an {@code int}. */
    public boolean isInt() {
        return false;
    }

    public boolean isBoolean() {
        return false;
    }

    public boolean isNull() {
        return false;
    }

    public boolean isMissingNode() {
        return false;
    }

    /** The field's value, or {@code null} when this is not an object or has no such field. */
    public JsonNode get(String field) {
        return null;
    }

    /** The element, or {@code null} when this is not an array or the index is out of range. */
    public JsonNode get(int index) {
        return null;
    }

    /** The field's value, or the missing node: never {@code null}. */
    public JsonNode path(String field) {
        JsonNode value = get(field);
        return value == null ? MissingNode.INSTANCE : value;
    }

    /** The element, or the missing node: never {@code null}. */
    public JsonNode path(int index) {
        JsonNode value = get(index);
        return value == null ? MissingNode.INSTANCE : value;
    }

    /**
     * The value at a JSON Pointer (RFC 6901, e.g. {@code "/records/0/id"}), or the missing node;
     * the empty pointer is this value.
     */
    public JsonNode at(String pointer) {
        if (pointer.isEmpty()) {
            return this;
        }
        if (pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("A JSON Pointer starts with '/': " + pointer);
        }
        JsonNode node = this;
        for (String token : pointer.substring(1).split("/", -1)) {
            String name = token.replace("~1", "/").replace("~0", "~");
            if (node.isArray()) {
                int index;
                try {
                    index = name.equals("0") || !name.startsWith("0") ? Integer.parseInt(name) : -1;
                } catch (NumberFormatException e) {
                    index = -1;
                }
                node = node.path(index);
            } else {
                node = node.path(name);
            }
            if (node.isMissingNode()) {
                return node;
            }
        }
        return node;
    }

    public boolean has(String field) {
        return get(field) != null;
    }

    /** Whether the field is there and not JSON null. */
    public boolean hasNonNull(String field) {
        JsonNode value = get(field);
        return value != null && !value.isNull();
    }

    /** Fields of an object, elements of an array, otherwise 0. */
    public int size() {
        return 0;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** An array's elements or an object's values; nothing for any other value. */
    public Iterator<JsonNode> elements() {
        return Collections.emptyIterator();
    }

    @Override
    public Iterator<JsonNode> iterator() {
        return elements();
    }

    /** An object's fields in document order; nothing for any other value. */
    public Iterator<Map.Entry<String, JsonNode>> fields() {
        return properties().iterator();
    }

    public Set<Map.Entry<String, JsonNode>> properties() {
        return Collections.emptySet();
    }

    public Iterator<String> fieldNames() {
        return Collections.emptyIterator();
    }

    /**
     * The value as text: a string's content, a number or boolean as written, {@code "null"} for
     * JSON null, and the empty string for objects, arrays and the missing node.
     */
    public abstract String asText();

    /** As {@link #asText()}, but {@code defaultValue} for JSON null and the missing node. */
    public String asText(String defaultValue) {
        return asText();
    }

    /** A string's content; {@code null} for every other value. */
    public String textValue() {
        return null;
    }

    public int asInt() {
        return asInt(0);
    }

    public int asInt(int defaultValue) {
        return defaultValue;
    }

    public long asLong() {
        return asLong(0L);
    }

    /**
     * A number's value (truncated), a numeric string parsed, a boolean as 1/0, else the default.
     */
    public long asLong(long defaultValue) {
        return defaultValue;
    }

    public double asDouble() {
        return asDouble(0.0);
    }

    public double asDouble(double defaultValue) {
        return defaultValue;
    }

    public boolean asBoolean() {
        return asBoolean(false);
    }

    /** A boolean's value, the strings "true"/"false", a number other than 0, else the default. */
    public boolean asBoolean(boolean defaultValue) {
        return defaultValue;
    }

    /** A boolean's value; {@code false} for every other value. */
    public boolean booleanValue() {
        return false;
    }

    public int intValue() {
        return 0;
    }

    public long longValue() {
        return 0L;
    }

    public double doubleValue() {
        return 0.0;
    }

    public BigDecimal decimalValue() {
        return BigDecimal.ZERO;
    }

    /** Whether this is a number whose value fits a {@code long}. */
    public boolean canConvertToLong() {
        return false;
    }

    /** This value as plain Java: Map, List, String, Number, Boolean or {@code null}. */
    public abstract Object toPlain();

    abstract void write(JsonWriter out);

    /** Compact JSON. */
    @Override
    public final String toString() {
        return JsonWriter.text(this, false);
    }

    /** JSON indented by two spaces per level, for documents people read. */
    public final String toPrettyString() {
        return JsonWriter.text(this, true);
    }
}

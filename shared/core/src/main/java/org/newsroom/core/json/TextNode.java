package org.newsroom.core.json;

import java.util.Objects;

/** A JSON string. */
public final class TextNode extends JsonNode {

    private final String value;

    private TextNode(String value) {
        this.value = Objects.requireNonNull(value);
    }

    /** The text, or JSON null for {@code null}. */
    public static JsonNode valueOf(String value) {
        return value == null ? NullNode.INSTANCE : new TextNode(value);
    }

    @Override
    public boolean isTextual() {
        return true;
    }

    @Override
    public String asText() {
        return value;
    }

    @Override
    public String textValue() {
        return value;
    }

    @Override
    public int asInt(int defaultValue) {
        long parsed = asLong(defaultValue);
        return parsed == (int) parsed ? (int) parsed : defaultValue;
    }

    @Override
    public long asLong(long defaultValue) {
        String text = value.trim();
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notWhole) {
            try {
                double parsed = Double.parseDouble(text);
                return Double.isFinite(parsed) ? (long) parsed : defaultValue;
            } catch (NumberFormatException notNumber) {
                return defaultValue;
            }
        }
    }

    @Override
    public double asDouble(double defaultValue) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    @Override
    public boolean asBoolean(boolean defaultValue) {
        String text = value.trim();
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        return defaultValue;
    }

    @Override
    public Object toPlain() {
        return value;
    }

    @Override
    void write(JsonWriter out) {
        out.string(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TextNode t && t.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}

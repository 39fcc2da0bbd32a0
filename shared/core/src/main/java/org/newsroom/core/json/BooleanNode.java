package org.newsroom.core.json;

/** JSON {@code true} or {@code false}. */
public final class BooleanNode extends JsonNode {

    static final BooleanNode TRUE = new BooleanNode(true);
    static final BooleanNode FALSE = new BooleanNode(false);

    private final boolean value;

    private BooleanNode(boolean value) {
        this.value = value;
    }

    public static BooleanNode valueOf(boolean value) {
        return value ? TRUE : FALSE;
    }

    @Override
    public boolean isBoolean() {
        return true;
    }

    @Override
    public String asText() {
        return value ? "true" : "false";
    }

    @Override
    public int asInt(int defaultValue) {
        return value ? 1 : 0;
    }

    @Override
    public long asLong(long defaultValue) {
        return value ? 1 : 0;
    }

    @Override
    public double asDouble(double defaultValue) {
        return value ? 1.0 : 0.0;
    }

    @Override
    public boolean asBoolean(boolean defaultValue) {
        return value;
    }

    @Override
    public boolean booleanValue() {
        return value;
    }

    @Override
    public Object toPlain() {
        return value;
    }

    @Override
    void write(JsonWriter out) {
        out.bool(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BooleanNode b && b.value == value;
    }

    @Override
    public int hashCode() {
        return value ? 3 : 4;
    }
}

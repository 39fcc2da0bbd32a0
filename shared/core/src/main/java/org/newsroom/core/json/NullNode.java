package org.newsroom.core.json;

/** JSON {@code null}. */
public final class NullNode extends JsonNode {

    static final NullNode INSTANCE = new NullNode();

    private NullNode() {}

    public static NullNode getInstance() {
        return INSTANCE;
    }

    @Override
    public boolean isNull() {
        return true;
    }

    @Override
    public String asText() {
        return "null";
    }

    @Override
    public String asText(String defaultValue) {
        return defaultValue;
    }

    @Override
    public Object toPlain() {
        return null;
    }

    @Override
    void write(JsonWriter out) {
        out.nullValue();
    }

    @Override
    public boolean equals(Object other) {
        return other == this;
    }

    @Override
    public int hashCode() {
        return 2;
    }
}

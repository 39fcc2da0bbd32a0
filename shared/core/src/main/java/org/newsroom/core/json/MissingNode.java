package org.newsroom.core.json;

/** What {@link JsonNode#path(String)} returns for an absent field; never part of a document. */
public final class MissingNode extends JsonNode {

    static final MissingNode INSTANCE = new MissingNode();

    private MissingNode() {}

    public static MissingNode getInstance() {
        return INSTANCE;
    }

    @Override
    public boolean isMissingNode() {
        return true;
    }

    @Override
    public String asText() {
        return "";
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
        // Written as null where a caller puts it into a document by mistake, never as nothing.
        out.nullValue();
    }

    @Override
    public boolean equals(Object other) {
        return other == this;
    }

    @Override
    public int hashCode() {
        return 1;
    }
}

package org.newsroom.core.json;

/** What {@link JsonNode#path(String)} returns for an absent field; never part of a document. */
public final class MissingNode extends ValuelessNode {

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
}

package org.newsroom.core.json;

/** JSON {@code null}. */
public final class NullNode extends ValuelessNode {

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
}

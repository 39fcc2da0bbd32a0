package org.newsroom.core.json;

/**
 * The two nodes that hold no value, JSON null and the missing node: each a single instance, equal
 * only to itself, plain Java {@code null}, and {@code defaultValue} for {@link #asText(String)}.
 */
abstract class ValuelessNode extends JsonNode {

    @Override
    public final String asText(String defaultValue) {
        return defaultValue;
    }

    @Override
    public final Object toPlain() {
        return null;
    }

    @Override
    final void write(JsonWriter out) {
        // The missing node too is written as null if a caller puts it into a document.
        out.nullValue();
    }

    @Override
    public final boolean equals(Object other) {
        return other == this;
    }

    @Override
    public final int hashCode() {
        return System.identityHashCode(this);
    }
}

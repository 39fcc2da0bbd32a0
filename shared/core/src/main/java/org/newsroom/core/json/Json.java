package org.newsroom.core.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Reading and writing the project's JSON tree ({@link JsonNode}). Parsing is strict (see {@link
 * JsonReader}): a repeated field, trailing text, invalid UTF-8 or nesting deeper than 64 levels is
 * an error rather than a half-read value.
 */
public final class Json {

    private Json() {}

    public static ObjectNode object() {
        return new ObjectNode();
    }

    public static ArrayNode array() {
        return new ArrayNode();
    }

    /**
     * Parses a request body; throws {@link MalformedJsonException}, whose message is safe to show
     * to a client (where, not what: the parser's own words may quote the body), on anything that is
     * not one JSON value.
     */
    public static JsonNode parse(String text) {
        JsonNode node;
        try {
            node = JsonReader.read(text);
        } catch (JsonException e) {
            throw new MalformedJsonException(
                    "The request body is not valid JSON (line "
                            + e.line()
                            + ", column "
                            + e.column()
                            + ").");
        }
        if (node == null) {
            throw new MalformedJsonException("The request body is empty.");
        }
        return node;
    }

    /**
     * Reads one JSON value from UTF-8 bytes (an event as Lambda hands it over, a file). Empty input
     * is the missing node; malformed input throws {@link JsonException}.
     */
    public static JsonNode read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    /** As {@link #read(InputStream)}, from text. */
    public static JsonNode read(String text) {
        JsonNode node = JsonReader.read(text);
        return node == null ? MissingNode.INSTANCE : node;
    }

    public static JsonNode read(byte[] utf8) {
        JsonNode node = JsonReader.read(utf8);
        return node == null ? MissingNode.INSTANCE : node;
    }

    /** Writes the value as compact JSON in UTF-8. */
    public static void write(JsonNode value, OutputStream out) throws IOException {
        JsonWriter.bytes(value, out);
    }

    /** The value ({@link #toNode} rules) as compact JSON. */
    public static String write(Object value) {
        return toNode(value).toString();
    }

    /**
     * Plain Java as a tree: {@code null}, a {@link JsonNode} (as is), text, numbers, booleans, maps
     * (keys as text), iterables and arrays of these, an {@code Optional} as its value; any other
     * object as the text of its {@code toString()} (an {@code Instant} as ISO-8601, an enum as its
     * name).
     */
    public static JsonNode toNode(Object value) {
        if (value == null) {
            return NullNode.INSTANCE;
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof CharSequence text) {
            return TextNode.valueOf(text.toString());
        }
        if (value instanceof Boolean b) {
            return BooleanNode.valueOf(b);
        }
        if (value instanceof Number n) {
            return NumberNode.valueOf(n);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = new ObjectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), toNode(v)));
            return object;
        }
        if (value instanceof Iterable<?> items) {
            ArrayNode array = new ArrayNode();
            items.forEach(item -> array.add(toNode(item)));
            return array;
        }
        if (value instanceof Object[] items) {
            ArrayNode array = new ArrayNode();
            for (Object item : items) {
                array.add(toNode(item));
            }
            return array;
        }
        if (value instanceof Optional<?> optional) {
            return toNode(optional.orElse(null));
        }
        if (value instanceof Enum<?> e) {
            return TextNode.valueOf(e.name());
        }
        return TextNode.valueOf(value.toString());
    }

    /** Thrown when a body is not parseable JSON; the message is safe to show to a client. */
    public static final class MalformedJsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedJsonException(String message) {
            super(message);
        }
    }
}

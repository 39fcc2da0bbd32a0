package org.newsroom.core.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonLocation;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/**
 * Reads a JSON document field by field from the streaming parser, for mapping a known shape (the
 * gateway's event) without building a tree of all of it first. As strict as {@link Json#read}: a
 * malformed document, a repeated field or text after the value throw {@link JsonException}. A value
 * of a kind the caller did not expect is read as a tree, so it converts exactly as the {@link
 * JsonNode} of the same text would ({@link JsonNode#asText()}, {@link JsonNode#asBoolean(boolean)},
 * ...).
 *
 * <p>After {@link #nextField()} (or {@link #nextElement()}) the reader stands on a value; the
 * caller consumes it with exactly one of {@link #text()}, {@link #bool(boolean)}, {@link
 * #asLong(long)}, {@link #tree()} or {@link #skip()}, or, for an object or an array, by reading its
 * fields or elements to the end.
 */
public final class JsonFieldReader implements AutoCloseable {

    private final JsonParser parser;
    private JsonToken token;

    private JsonFieldReader(JsonParser parser) {
        this.parser = parser;
    }

    /** A reader of UTF-8 bytes (or UTF-16/32 with a byte-order mark, as {@link Json#read}). */
    public static JsonFieldReader of(byte[] utf8) {
        try {
            return new JsonFieldReader(JsonReader.FACTORY.createParser(utf8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the document: true when it is an object, whose fields {@link #nextField()} then gives.
     * Otherwise (empty, or another kind of value) the value has been read and checked, and there is
     * nothing to map.
     */
    public boolean startObject() {
        token = next();
        if (token == null) {
            return false;
        }
        if (token == JsonToken.START_OBJECT) {
            return true;
        }
        tree();
        return false;
    }

    /** The next field of the object the reader is in, standing on its value; null at its end. */
    public String nextField() {
        JsonToken field = next();
        if (field != JsonToken.FIELD_NAME) {
            return null;
        }
        try {
            String name = parser.currentName();
            token = next();
            return name;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Moves to the next element of the array the reader is in; false at its end. */
    public boolean nextElement() {
        token = next();
        return token != JsonToken.END_ARRAY;
    }

    public boolean isObject() {
        return token == JsonToken.START_OBJECT;
    }

    public boolean isArray() {
        return token == JsonToken.START_ARRAY;
    }

    public boolean isNull() {
        return token == JsonToken.VALUE_NULL;
    }

    /** The value as {@link JsonNode#asText()} gives it, and null for JSON null. */
    public String text() {
        if (token == JsonToken.VALUE_STRING) {
            try {
                return parser.getText();
            } catch (IOException e) {
                throw failure(e);
            }
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        return tree().asText();
    }

    /** The value as {@link JsonNode#asBoolean(boolean)} gives it. */
    public boolean bool(boolean defaultValue) {
        if (token == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return false;
        }
        return tree().asBoolean(defaultValue);
    }

    /** The value as {@link JsonNode#asLong(long)} gives it. */
    public long asLong(long defaultValue) {
        return tree().asLong(defaultValue);
    }

    /** The value as a tree. */
    public JsonNode tree() {
        try {
            return JsonReader.value(parser, token);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Reads past the value (checked like any other). */
    public void skip() {
        tree();
    }

    /** Checks that nothing follows the document's value. */
    public void end() {
        if (next() != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw new JsonException(
                    "Unexpected text after the JSON value", at.getLineNr(), at.getColumnNr());
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonToken next() {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private static RuntimeException failure(IOException e) {
        return e instanceof JsonProcessingException malformed
                ? JsonReader.malformed(malformed)
                : new UncheckedIOException(e);
    }
}

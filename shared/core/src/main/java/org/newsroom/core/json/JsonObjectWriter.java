package org.newsroom.core.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;

/**
 * One compact JSON object written field by field, straight to text or to UTF-8 bytes, without
 * building a tree first (the gateway response with cookies; the reference the hand-assembled lines
 * and responses are tested against). It goes through the same generator as {@link
 * JsonNode#toString()}, so a field reads exactly as it would from a tree. Field names are written
 * as given: a caller that may repeat a name must build a tree instead (a tree keeps the last
 * value). One writer per object, on one thread.
 */
public final class JsonObjectWriter {

    private final StringWriter text;
    private final ByteArrayOutputStream utf8;
    private final JsonGenerator out;
    private final JsonWriter values;

    private JsonObjectWriter(StringWriter text, ByteArrayOutputStream utf8, JsonGenerator out) {
        this.text = text;
        this.utf8 = utf8;
        this.out = out;
        this.values = new JsonWriter(out, false);
        values.startObject();
    }

    /** Starts an object that {@link #toText()} returns. */
    public static JsonObjectWriter text() {
        StringWriter text = new StringWriter(256);
        try {
            return new JsonObjectWriter(text, null, JsonReader.FACTORY.createGenerator(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts an object that {@link #toUtf8()} returns as UTF-8 bytes, in a buffer of {@code
     * expectedBytes} to start with (a request body).
     */
    public static JsonObjectWriter utf8(int expectedBytes) {
        ByteArrayOutputStream utf8 = new ByteArrayOutputStream(expectedBytes);
        try {
            return new JsonObjectWriter(null, utf8, JsonReader.FACTORY.createGenerator(utf8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an object written to {@code bytes} in UTF-8; {@link #finish()} completes it. */
    public static JsonObjectWriter bytes(OutputStream bytes) throws IOException {
        return new JsonObjectWriter(null, null, JsonReader.FACTORY.createGenerator(bytes));
    }

    /** A text field; {@code null} is JSON null. */
    public JsonObjectWriter put(String name, String value) {
        values.name(name);
        if (value == null) {
            values.nullValue();
        } else {
            values.string(value);
        }
        return this;
    }

    public JsonObjectWriter put(String name, long value) {
        values.name(name);
        values.number(value);
        return this;
    }

    public JsonObjectWriter put(String name, boolean value) {
        values.name(name);
        values.bool(value);
        return this;
    }

    /** Any value, as {@link Json#toNode} would make it. */
    public JsonObjectWriter putValue(String name, Object value) {
        values.name(name);
        if (value instanceof String s) {
            values.string(s);
        } else if (value instanceof Integer || value instanceof Long) {
            values.number((Number) value);
        } else if (value instanceof Boolean b) {
            values.bool(b);
        } else {
            Json.toNode(value).write(values);
        }
        return this;
    }

    /**
     * A field whose value is already compact JSON (such as a part of a line that never changes,
     * rendered once from a tree); written as is.
     */
    public JsonObjectWriter putRaw(String name, String json) {
        values.name(name);
        try {
            out.writeRawValue(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Opens a nested object under {@code name}; close it with {@link #endObject()}. */
    public JsonObjectWriter startObject(String name) {
        values.name(name);
        values.startObject();
        return this;
    }

    public JsonObjectWriter endObject() {
        values.endObject();
        return this;
    }

    /** Opens an array under {@code name}; close it with {@link #endArray()}. */
    public JsonObjectWriter startArray(String name) {
        values.name(name);
        values.startArray();
        return this;
    }

    public JsonObjectWriter endArray() {
        values.endArray();
        return this;
    }

    /** Opens an object as the next element of the array being written. */
    public JsonObjectWriter startObject() {
        values.startObject();
        return this;
    }

    /** A text (or, for {@code null}, JSON null) as the next element of the array being written. */
    public JsonObjectWriter add(String value) {
        if (value == null) {
            values.nullValue();
        } else {
            values.string(value);
        }
        return this;
    }

    /** Closes the object and flushes it to the stream it was started on. */
    public void finish() throws IOException {
        values.endObject();
        out.close();
    }

    /** Closes the object and returns its text. */
    public String toText() {
        close();
        return text.toString();
    }

    /** Closes the object and returns its UTF-8 bytes (a writer made by {@link #utf8(int)}). */
    public byte[] toUtf8() {
        close();
        return utf8.toByteArray();
    }

    private void close() {
        try {
            finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.newsroom.core.json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.util.DefaultPrettyPrinter;

/**
 * Writes a tree through Jackson's streaming generator: compact, or indented for documents people
 * read. Strings escape the quote, the backslash and control characters; everything else is written
 * as is (UTF-8 when writing bytes).
 */
final class JsonWriter {

    private final JsonGenerator out;

    JsonWriter(JsonGenerator out, boolean pretty) {
        this.out = out;
        if (pretty) {
            out.setPrettyPrinter(new DefaultPrettyPrinter());
        }
    }

    static String text(JsonNode value, boolean pretty) {
        Writer text = new StringWriter(256);
        try (JsonGenerator generator = JsonReader.FACTORY.createGenerator(text)) {
            value.write(new JsonWriter(generator, pretty));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static void bytes(JsonNode value, OutputStream bytes) throws IOException {
        try (JsonGenerator generator = JsonReader.FACTORY.createGenerator(bytes)) {
            value.write(new JsonWriter(generator, false));
        }
    }

    void startObject() {
        try {
            out.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void endObject() {
        try {
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void startArray() {
        try {
            out.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void endArray() {
        try {
            out.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void name(String name) {
        try {
            out.writeFieldName(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void string(String value) {
        try {
            out.writeString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void number(Number value) {
        try {
            if (value instanceof Integer i) {
                out.writeNumber(i);
            } else if (value instanceof Long l) {
                out.writeNumber(l);
            } else if (value instanceof BigInteger b) {
                out.writeNumber(b);
            } else if (value instanceof BigDecimal d) {
                out.writeNumber(d);
            } else {
                out.writeNumber(value.doubleValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void bool(boolean value) {
        try {
            out.writeBoolean(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void nullValue() {
        try {
            out.writeNull();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

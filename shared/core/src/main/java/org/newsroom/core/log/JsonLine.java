package org.newsroom.core.log;

import java.io.PrintStream;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonText;

/**
 * One compact JSON line of {@link Log} or {@link Metrics}, built in a buffer its thread keeps and
 * written with one write. A line is written on every request, so it is assembled by hand instead of
 * through the JSON generator (a generator, a writer and a map per line), with exactly the
 * generator's output: strings escaped by {@link JsonText}, numbers in decimal, values of other
 * types as {@link Json#toNode} writes them.
 *
 * <p>Writing: a plain {@link PrintStream} (standard output, Lambda's own stream, a test's stream)
 * gets the line's bytes and the line separator in one {@code write}, under the stream's own lock,
 * when the line is ASCII (as every line of fixed words, ids and numbers is): the same bytes {@code
 * println} gives in any ASCII-based charset, without its encoder. A line with other characters, or
 * a subclass of PrintStream (which may override {@code println}, as the local stack's tee of metric
 * lines does), gets {@code println} of the text, as before.
 */
final class JsonLine {

    private static final ThreadLocal<JsonLine> KEPT = ThreadLocal.withInitial(JsonLine::new);
    private static final String SEPARATOR = System.lineSeparator();

    /** A buffer that grew past this for one long line is dropped afterwards, not kept. */
    private static final int KEEP_AT_MOST = 16_384;

    private StringBuilder text = new StringBuilder(512);
    private byte[] bytes = new byte[512];
    private boolean busy;

    private JsonLine() {}

    /**
     * An empty line from this thread's buffer; {@link #writeTo} or {@link #text} releases it. A
     * line started while another is being built on the thread (a field's {@code toString} that
     * logs) gets a buffer of its own.
     */
    static JsonLine start() {
        JsonLine line = KEPT.get();
        if (line.busy) {
            line = new JsonLine();
        }
        line.busy = true;
        line.text.setLength(0);
        return line;
    }

    /** Text that is already JSON (a fixed part of a line). */
    JsonLine raw(String json) {
        text.append(json);
        return this;
    }

    JsonLine raw(char c) {
        text.append(c);
        return this;
    }

    JsonLine number(long value) {
        text.append(value);
        return this;
    }

    JsonLine bool(boolean value) {
        text.append(value);
        return this;
    }

    /** {@code ,"name":} (a field after the first). */
    JsonLine name(String name) {
        text.append(',');
        quoted(name);
        text.append(':');
        return this;
    }

    /** A JSON string, or {@code null} for null. */
    JsonLine string(String value) {
        if (value == null) {
            text.append("null");
        } else {
            quoted(value);
        }
        return this;
    }

    /** Any value, as {@link org.newsroom.core.json.JsonObjectWriter#putValue} writes it. */
    JsonLine value(Object value) {
        if (value instanceof String s) {
            quoted(s);
        } else if (value instanceof Integer || value instanceof Long) {
            text.append(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            text.append(b.booleanValue());
        } else if (value == null) {
            text.append("null");
        } else {
            String json;
            try {
                json = Json.toNode(value).toString();
            } catch (RuntimeException e) {
                // The only call that runs a caller's code (a value's accessors): a line it
                // abandons must not keep the thread's buffer busy for every later line.
                release();
                throw e;
            }
            text.append(json);
        }
        return this;
    }

    private void quoted(String value) {
        JsonText.appendString(text, value);
    }

    /** The line's text (without the line separator); releases the buffer. */
    String text() {
        String line = text.toString();
        release();
        return line;
    }

    /** Writes the line and the line separator to {@code out} as one write; releases the buffer. */
    void writeTo(PrintStream out) {
        try {
            if (out.getClass() != PrintStream.class || !asciiBytes()) {
                String line = text.toString();
                synchronized (out) {
                    out.println(line);
                }
                return;
            }
            out.write(bytes, 0, text.length() + SEPARATOR.length());
        } finally {
            release();
        }
    }

    /** Whether the line and the separator are ASCII; if so they are in {@link #bytes}. */
    private boolean asciiBytes() {
        StringBuilder line = text;
        int length = line.length();
        int total = length + SEPARATOR.length();
        if (bytes.length < total) {
            bytes = new byte[Math.max(total, bytes.length * 2)];
        }
        byte[] out = bytes;
        for (int i = 0; i < length; i++) {
            char c = line.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            out[i] = (byte) c;
        }
        for (int i = 0; i < SEPARATOR.length(); i++) {
            out[length + i] = (byte) SEPARATOR.charAt(i);
        }
        return true;
    }

    private void release() {
        if (text.capacity() > KEEP_AT_MOST) {
            text = new StringBuilder(512);
        }
        if (bytes.length > KEEP_AT_MOST) {
            bytes = new byte[512];
        }
        busy = false;
    }
}

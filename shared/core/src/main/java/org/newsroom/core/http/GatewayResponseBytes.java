package org.newsroom.core.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BiConsumer;

/**
 * The payload 2.0 response of an {@link HttpResponse}, assembled by hand as UTF-8 bytes in a buffer
 * the thread keeps and written with one write: every HTTP function answers through it on every
 * request, and a generator per response showed in the warm path. The bytes are exactly those of
 * {@link GatewayJson#write(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse,
 * OutputStream)}, which writes through the project's generator: the same fields in the same order,
 * and strings escaped as it escapes them into UTF-8 (the quote, the backslash and the control
 * characters below U+0020 escaped, {@code \b \t \n \f \r} by their short forms; every UTF-16
 * surrogate, paired or not, as a backslash, {@code u} and four upper-case hex digits; every other
 * character as its UTF-8 bytes).
 */
final class GatewayResponseBytes implements BiConsumer<String, String> {

    private static final ThreadLocal<GatewayResponseBytes> KEPT =
            ThreadLocal.withInitial(GatewayResponseBytes::new);
    private static final byte[] HEX = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'
    };

    /** A buffer that grew past this for one large response is dropped afterwards, not kept. */
    private static final int KEEP_AT_MOST = 262_144;

    /** The last body answered and, once it came twice in a row, its escaped bytes. */
    private record LastBody(String body, byte[] quoted) {}

    private static volatile LastBody lastBody = new LastBody("", null);

    private byte[] bytes = new byte[8_192];
    private int length;
    private boolean firstHeader;

    private GatewayResponseBytes() {}

    static void write(HttpResponse response, OutputStream out) throws IOException {
        GatewayResponseBytes json = KEPT.get();
        json.length = 0;
        json.ascii("{\"statusCode\":").ascii(Integer.toString(response.status()));
        json.ascii(",\"headers\":{");
        json.firstHeader = true;
        response.headers().forEach(json);
        json.ascii("}");
        if (!response.cookies().isEmpty()) {
            json.ascii(",\"cookies\":[");
            for (int i = 0; i < response.cookies().size(); i++) {
                if (i > 0) {
                    json.ascii(",");
                }
                json.string(response.cookies().get(i));
            }
            json.ascii("]");
        }
        if (response.body() != null) {
            json.ascii(",\"body\":");
            json.body(response.body());
        }
        json.ascii(",\"isBase64Encoded\":false}");
        try {
            out.write(json.bytes, 0, json.length);
            // As the generator did when it finished: it closes the stream it wrote to.
            out.close();
        } finally {
            if (json.bytes.length > KEEP_AT_MOST) {
                json.bytes = new byte[8_192];
            }
        }
    }

    /** One header, in the order the map gives them (as the generator's writer took them). */
    @Override
    public void accept(String name, String value) {
        if (!firstHeader) {
            ascii(",");
        }
        firstHeader = false;
        string(name);
        ascii(":");
        if (value == null) {
            ascii("null");
        } else {
            string(value);
        }
    }

    /**
     * A public read mostly answers the same body as the request before it (the same feed page, the
     * same stats) until the content changes: from its second time in a row a body's escaped bytes
     * are copied instead of escaping it again. A different body is escaped as any string.
     */
    private void body(String body) {
        LastBody last = lastBody;
        if (last.body().equals(body) && last.quoted() != null) {
            byte[] quoted = last.quoted();
            ensure(quoted.length);
            System.arraycopy(quoted, 0, bytes, length, quoted.length);
            length += quoted.length;
            return;
        }
        int start = length;
        string(body);
        if (last.body().equals(body)) {
            byte[] quoted = new byte[length - start];
            System.arraycopy(bytes, start, quoted, 0, quoted.length);
            lastBody = new LastBody(body, quoted);
        } else {
            lastBody = new LastBody(body, null);
        }
    }

    /** Text known to be ASCII and JSON already. */
    private GatewayResponseBytes ascii(String text) {
        int n = text.length();
        ensure(n);
        byte[] out = bytes;
        int at = length;
        for (int i = 0; i < n; i++) {
            out[at++] = (byte) text.charAt(i);
        }
        length = at;
        return this;
    }

    private void string(String value) {
        int n = value.length();
        // At most six bytes a character (an escape), and the two quotes.
        ensure(6 * n + 2);
        byte[] out = bytes;
        int at = length;
        out[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    out[at++] = (byte) c;
                    continue;
                }
                out[at++] = '\\';
                switch (c) {
                    case '"' -> out[at++] = '"';
                    case '\\' -> out[at++] = '\\';
                    case '\b' -> out[at++] = 'b';
                    case '\t' -> out[at++] = 't';
                    case '\n' -> out[at++] = 'n';
                    case '\f' -> out[at++] = 'f';
                    case '\r' -> out[at++] = 'r';
                    default -> at = hex(out, at, c);
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                out[at++] = '\\';
                at = hex(out, at, c);
            } else {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out[at++] = '"';
        length = at;
    }

    /** {@code u} and four upper-case hex digits of {@code c} (the backslash written before). */
    private static int hex(byte[] out, int at, char c) {
        out[at++] = 'u';
        out[at++] = HEX[(c >> 12) & 0xF];
        out[at++] = HEX[(c >> 8) & 0xF];
        out[at++] = HEX[(c >> 4) & 0xF];
        out[at++] = HEX[c & 0xF];
        return at;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            byte[] larger = new byte[Math.max(length + more, bytes.length * 2)];
            System.arraycopy(bytes, 0, larger, 0, length);
            bytes = larger;
        }
    }
}

package org.newsroom.core.json;

/**
 * Compact JSON assembled by hand into a {@link StringBuilder}, for text written on every request
 * (log and metric lines, a feed page), where building a generator per document showed in the warm
 * path. Strings are escaped exactly as the project's generator writes them ({@link
 * JsonNode#toString()}, {@link JsonObjectWriter}): the quote, the backslash and the control
 * characters below U+0020 are escaped ({@code \b \t \n \f \r} by their short forms, the others as a
 * backslash, {@code u00} and two upper-case hex digits); every other character is kept as it is.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {}

    /** {@code value} as a JSON string, quotes included; {@code null} as JSON null. */
    public static StringBuilder appendString(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        int length = value.length();
        int plain = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                out.append(value, plain, i);
                escape(out, c);
                plain = i + 1;
            }
        }
        return out.append(value, plain, length).append('"');
    }

    private static void escape(StringBuilder out, char c) {
        out.append('\\');
        switch (c) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '\b' -> out.append('b');
            case '\t' -> out.append('t');
            case '\n' -> out.append('n');
            case '\f' -> out.append('f');
            case '\r' -> out.append('r');
            default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        }
    }
}

package org.newsroom.mail;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A MIME message (RFC 5322 / 2045) with a plain-text and an HTML alternative, built by hand so
 * custom headers such as List-Unsubscribe survive (SES keeps them for raw content). Header values
 * are checked for CR/LF, non-ASCII subjects are RFC 2047-encoded, bodies are base64.
 */
public final class MimeMessage {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MimeMessage() {}

    /** The message as SES's raw content expects it: CRLF line ends, ASCII only. */
    public static byte[] build(Email email, ZonedDateTime date) {
        String from = email.from();
        String to = email.to();
        String subject = email.subject();
        String text = email.text();
        String html = email.html();
        Map<String, String> extraHeaders = email.headers();
        String boundary = "=_newsroom_" + HexFormat.of().formatHex(randomBytes(12));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("From", from);
        headers.put("To", to);
        headers.put("Subject", encodeWord(subject));
        headers.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date));
        headers.put("MIME-Version", "1.0");
        headers.putAll(extraHeaders);
        headers.put("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        StringBuilder out = new StringBuilder();
        headers.forEach(
                (name, value) ->
                        out.append(name).append(": ").append(headerValue(value)).append("\r\n"));
        out.append("\r\n");
        part(out, boundary, "text/plain; charset=UTF-8", text);
        part(out, boundary, "text/html; charset=UTF-8", html);
        out.append("--").append(boundary).append("--\r\n");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void part(StringBuilder out, String boundary, String type, String body) {
        out.append("--").append(boundary).append("\r\n");
        out.append("Content-Type: ").append(type).append("\r\n");
        out.append("Content-Transfer-Encoding: base64\r\n\r\n");
        String encoded =
                Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(body.getBytes(StandardCharsets.UTF_8));
        out.append(encoded).append("\r\n");
    }

    private static String headerValue(String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Header values must not contain line breaks");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 126) {
                throw new IllegalArgumentException(
                        "Header values must be ASCII (encode them first)");
            }
        }
        return value;
    }

    /**
     * A mailbox header value {@code "Display Name" <address>}; the name is quoted or RFC
     * 2047-encoded.
     */
    public static String mailbox(String displayName, String address) {
        if (displayName == null || displayName.isBlank()) {
            return address;
        }
        String name = displayName.strip();
        boolean ascii = name.chars().allMatch(c -> c >= 32 && c < 127);
        String rendered =
                ascii
                        ? "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                        : encodeWord(name);
        return rendered + " <" + address + ">";
    }

    /** RFC 2047 B-encoding for a non-ASCII header text; ASCII text is returned unchanged. */
    static String encodeWord(String text) {
        boolean ascii = text.chars().allMatch(c -> c >= 32 && c < 127);
        if (ascii) {
            return text;
        }
        return "=?UTF-8?B?"
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
                + "?=";
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

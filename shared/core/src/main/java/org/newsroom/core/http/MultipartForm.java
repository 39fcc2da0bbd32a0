package org.newsroom.core.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text fields of a {@code multipart/form-data} body (RFC 7578), enough for RFC 8058 one-click
 * unsubscribe posts, which some mail providers send as multipart. File parts are ignored.
 */
final class MultipartForm {

    private static final Pattern BOUNDARY =
            Pattern.compile("(?i)boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final Pattern NAME = Pattern.compile("(?i)\\bname=\"([^\"]*)\"");

    private MultipartForm() {}

    static Optional<String> boundary(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /**
     * Field name to values; empty when the body is not well-formed multipart with that boundary.
     */
    static Map<String, List<String>> parse(byte[] body, String boundary) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        // ISO-8859-1 maps bytes one to one, so part boundaries are found without decoding errors.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int start = text.indexOf(delimiter);
        while (start >= 0) {
            int partStart = start + delimiter.length();
            if (text.startsWith("--", partStart)) {
                break;
            }
            int next = text.indexOf("\r\n" + delimiter, partStart);
            if (next < 0) {
                break;
            }
            String part = text.substring(partStart, next);
            if (part.startsWith("\r\n")) {
                part = part.substring(2);
            }
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd >= 0) {
                String headers = part.substring(0, headerEnd);
                String value = part.substring(headerEnd + 4);
                String disposition = null;
                for (String line : headers.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                        disposition = line;
                    }
                }
                if (disposition != null
                        && !disposition.toLowerCase(Locale.ROOT).contains("filename=")) {
                    Matcher name = NAME.matcher(disposition);
                    if (name.find()) {
                        String decoded =
                                new String(
                                        value.getBytes(StandardCharsets.ISO_8859_1),
                                        StandardCharsets.UTF_8);
                        fields.computeIfAbsent(name.group(1), k -> new ArrayList<>()).add(decoded);
                    }
                }
            }
            start = next + 2;
        }
        return fields;
    }
}

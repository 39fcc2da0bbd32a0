package org.newsroom.core.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The text fields of a form post: {@code application/x-www-form-urlencoded} (what a plain HTML form
 * sends) or {@code multipart/form-data} (what some mail providers send for an RFC 8058 one-click
 * unsubscribe). Repeated fields keep their order; file parts are ignored.
 */
public final class FormData {

    public static final String URLENCODED = "application/x-www-form-urlencoded";
    public static final String MULTIPART = "multipart/form-data";

    private final Map<String, List<String>> fields;

    private FormData(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    /**
     * The form in the request's body, or empty when the body is not a form (JSON, say).
     *
     * @throws ProblemException 413 past {@code limitBytes}, 400 for a multipart body without a
     *     boundary or a badly encoded urlencoded one
     */
    public static Optional<FormData> decode(HttpRequest request, int limitBytes) {
        String type = request.mediaType();
        if (type.equals(URLENCODED)) {
            return Optional.of(parse(request.bodyText(limitBytes)));
        }
        if (type.equals(MULTIPART)) {
            String boundary =
                    MultipartForm.boundary(request.header("content-type").orElse(""))
                            .orElseThrow(
                                    () ->
                                            new ProblemException(
                                                    Problem.badRequest(
                                                            "The multipart body has no boundary.")));
            byte[] body = request.bodyBytes();
            if (body.length > limitBytes) {
                throw new ProblemException(Problem.payloadTooLarge(limitBytes));
            }
            return Optional.of(new FormData(MultipartForm.parse(body, boundary)));
        }
        return Optional.empty();
    }

    /** A urlencoded body. */
    public static FormData parse(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decodeComponent(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decodeComponent(pair.substring(eq + 1));
                fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new FormData(fields);
    }

    /**
     * A multipart body whose parts are separated by {@code boundary}; empty when it is not well
     * formed.
     */
    public static FormData parseMultipart(byte[] body, String boundary) {
        return new FormData(MultipartForm.parse(body, boundary));
    }

    private static String decodeComponent(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    Problem.badRequest("The form data is not correctly encoded."));
        }
    }

    public Optional<String> first(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }
}

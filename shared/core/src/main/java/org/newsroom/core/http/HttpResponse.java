package org.newsroom.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP response. Every response has a status and, when it has a body, a Content-Type: the
 * factory methods make it impossible to forget either.
 */
public record HttpResponse(
        int status, Map<String, String> headers, List<String> cookies, String body) {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";

    public HttpResponse {
        headers = Map.copyOf(headers);
        cookies = List.copyOf(cookies);
        if (body != null && !headers.containsKey("content-type")) {
            throw new IllegalArgumentException("A response with a body needs a content-type");
        }
    }

    public static HttpResponse of(int status, String contentType, String body) {
        Objects.requireNonNull(contentType, "contentType");
        return new HttpResponse(status, Map.of("content-type", contentType), List.of(), body);
    }

    public static HttpResponse json(int status, String json) {
        return of(status, JSON, json);
    }

    public static HttpResponse html(int status, String html) {
        return of(status, HTML, html);
    }

    /** A response with no body, such as 204 or 304. */
    public static HttpResponse empty(int status) {
        return new HttpResponse(status, Map.of(), List.of(), null);
    }

    /** 303 See Other: after a form post the browser fetches {@code location} with GET. */
    public static HttpResponse seeOther(String location) {
        return new HttpResponse(
                303,
                Map.of("location", location, "content-type", TEXT),
                List.of(),
                "See " + location);
    }

    /**
     * This response with the header {@code name} (lower-cased) set to {@code value}, replacing any
     * earlier value. The headers are built straight into an immutable map, which the constructor
     * then keeps as it is, rather than into a copy that the constructor copies again.
     */
    public HttpResponse withHeader(String name, String value) {
        String key = name.toLowerCase(java.util.Locale.ROOT);
        @SuppressWarnings("unchecked")
        Map.Entry<String, String>[] entries = new Map.Entry[headers.size() + 1];
        int n = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (!header.getKey().equals(key)) {
                entries[n++] = header;
            }
        }
        entries[n++] = Map.entry(key, value);
        return new HttpResponse(
                status,
                Map.ofEntries(n == entries.length ? entries : java.util.Arrays.copyOf(entries, n)),
                cookies,
                body);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public APIGatewayV2HTTPResponse toGateway() {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}

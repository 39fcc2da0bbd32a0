package org.newsroom.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
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

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return new HttpResponse(status, copy, cookies, body);
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

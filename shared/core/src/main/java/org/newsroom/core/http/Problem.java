package org.newsroom.core.http;

import java.util.List;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;

/**
 * An RFC 9457 problem detail. {@code type} is stable and documented so clients can branch on it;
 * {@code title} and {@code detail} are for people. Field errors go in {@code errors}.
 */
public record Problem(
        String type, String title, int status, String detail, List<FieldError> errors) {

    private static final String BASE = "urn:newsroom:problem:";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(BASE + slug, title, status, detail, List.of());
    }

    public static Problem badRequest(String detail) {
        return of("bad-request", "Bad request", 400, detail);
    }

    public static Problem validation(List<FieldError> errors) {
        String detail =
                errors.size() == 1
                        ? errors.get(0).message()
                        : "Some fields are not valid: "
                                + String.join(", ", errors.stream().map(FieldError::field).toList())
                                + ".";
        return new Problem(
                BASE + "validation", "Your request has invalid fields", 400, detail, errors);
    }

    public static Problem notFound(String detail) {
        return of("not-found", "Not found", 404, detail);
    }

    public static Problem methodNotAllowed() {
        return of(
                "method-not-allowed",
                "Method not allowed",
                405,
                "This address does not accept that method.");
    }

    public static Problem unsupportedMediaType(String expected) {
        return of(
                "unsupported-media-type",
                "Unsupported media type",
                415,
                "Send the body as " + expected + ".");
    }

    public static Problem payloadTooLarge(int limitBytes) {
        return of(
                "payload-too-large",
                "Request body too large",
                413,
                "The request body must not exceed " + (limitBytes / 1024) + " KiB.");
    }

    public static Problem tooManyRequests() {
        return of(
                "too-many-requests",
                "Too many requests",
                429,
                "Too many requests. Please wait a few minutes and try again.");
    }

    public static Problem internal() {
        return of(
                "internal",
                "Something went wrong",
                500,
                "Something went wrong on our side. Please try again later.");
    }

    /**
     * Someone else changed the same thing at the same moment; reading again and retrying can
     * succeed.
     */
    public static Problem conflict() {
        return of(
                "conflict",
                "Changed at the same time",
                409,
                "Someone else changed this at the same moment. Reload it and try again.");
    }

    public static Problem unavailable() {
        return of(
                "unavailable",
                "Temporarily unavailable",
                503,
                "The service is busy. Please try again in a moment.");
    }

    public String toJson() {
        ObjectNode node = Json.object();
        node.put("type", type);
        node.put("title", title);
        node.put("status", status);
        if (detail != null) {
            node.put("detail", detail);
        }
        if (!errors.isEmpty()) {
            ArrayNode list = node.putArray("errors");
            for (FieldError error : errors) {
                list.addObject().put("field", error.field()).put("message", error.message());
            }
        }
        return node.toString();
    }

    public HttpResponse toResponse() {
        return HttpResponse.of(status, HttpResponse.PROBLEM_JSON, toJson())
                .withHeader("cache-control", "no-store");
    }
}

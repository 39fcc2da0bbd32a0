package org.newsroom.newsletters.signup;

import java.util.ArrayList;
import java.util.List;
import org.newsroom.core.http.FormData;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * One signup as submitted, before its values are checked (that is {@link SignupValidator}'s job):
 * from a script as JSON, or from a plain HTML form as {@code x-www-form-urlencoded}.
 *
 * @param fromForm a form post, answered with redirects instead of JSON
 * @param newsletters the requested newsletter ids as given (possibly blank or repeated)
 * @param newslettersMalformed JSON {@code newsletters} that is not a list of strings
 * @param honeypot the invisible {@code website} field, trimmed: only bots fill it in
 */
record SignupRequest(
        boolean fromForm,
        String email,
        List<String> newsletters,
        boolean newslettersMalformed,
        String honeypot,
        String turnstileToken) {

    static final int BODY_LIMIT = 16 * 1024;

    /**
     * The signup in the request's body.
     *
     * @throws ProblemException 400 for JSON that is not an object, 413 past {@link #BODY_LIMIT},
     *     415 for any other media type
     */
    static SignupRequest parse(HttpRequest request) {
        String type = request.mediaType();
        if (type.equals(FormData.URLENCODED)) {
            FormData form = FormData.parse(request.bodyText(BODY_LIMIT));
            return new SignupRequest(
                    true,
                    form.first("email").orElse(""),
                    form.all("newsletters"),
                    false,
                    form.first("website").orElse("").trim(),
                    form.first("cf-turnstile-response").orElse(""));
        }
        if (type.equals("application/json") || type.endsWith("+json")) {
            return fromJson(Json.parse(request.bodyText(BODY_LIMIT)));
        }
        throw new ProblemException(
                Problem.unsupportedMediaType(
                        "application/json or application/x-www-form-urlencoded"));
    }

    private static SignupRequest fromJson(JsonNode body) {
        if (!body.isObject()) {
            throw new ProblemException(
                    Problem.badRequest(
                            "The body must be a JSON object like {\"email\": \"reader@example.org\"}."));
        }
        JsonNode list = body.get("newsletters");
        List<String> newsletters = new ArrayList<>();
        boolean malformed = false;
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                malformed = true;
            } else {
                for (JsonNode item : list) {
                    if (item.isTextual()) {
                        newsletters.add(item.asText());
                    } else {
                        malformed = true;
                    }
                }
            }
        }
        return new SignupRequest(
                false,
                text(body, "email"),
                newsletters,
                malformed,
                text(body, "website").trim(),
                text(body, "turnstileToken"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isTextual() ? value.asText() : "";
    }

    /** A bot filled in the invisible field: answer as for a person, do nothing. */
    boolean isBot() {
        return !honeypot.isEmpty();
    }

    /** The consent evidence's source: {@code form} or {@code api}. */
    String source() {
        return fromForm ? "form" : "api";
    }
}

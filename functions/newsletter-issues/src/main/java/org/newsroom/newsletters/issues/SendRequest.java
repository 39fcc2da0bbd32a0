package org.newsroom.newsletters.issues;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.newsroom.core.http.FieldError;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.JsonNode;

/**
 * When to send an issue: no body (or no {@code sendAt}) sends now; {@code {"sendAt":
 * "2026-12-01T07:00:00Z"}} schedules it, at most {@link #FURTHEST} ahead.
 */
record SendRequest(Optional<Instant> sendAt) {

    static final Duration FURTHEST = Duration.ofDays(366);

    /**
     * The send time in the body, checked against {@code now}.
     *
     * @throws ProblemException 400 for a time that is garbled, past, or more than a year ahead, as
     *     well as {@link JsonBody#object}'s answers
     */
    static SendRequest parse(HttpRequest request, Instant now) {
        if (request.bodyBytes().length == 0) {
            return new SendRequest(Optional.empty());
        }
        JsonNode at = JsonBody.object(request, JsonBody.SMALL).get("sendAt");
        if (at == null || at.isNull()) {
            return new SendRequest(Optional.empty());
        }
        Instant parsed = at.isTextual() ? instant(at.asText()) : null;
        if (parsed == null || !parsed.isAfter(now) || parsed.isAfter(now.plus(FURTHEST))) {
            throw new ProblemException(
                    Problem.validation(
                            List.of(
                                    new FieldError(
                                            "sendAt",
                                            "sendAt must be a future time within a year, such as 2026-12-01T07:00:00Z."))));
        }
        return new SendRequest(Optional.of(parsed));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

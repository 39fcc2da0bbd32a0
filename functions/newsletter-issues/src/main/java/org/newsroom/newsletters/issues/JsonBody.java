package org.newsroom.newsletters.issues;

import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/** A request body that must be one JSON object, as every write to the issues API sends. */
final class JsonBody {

    /** Enough for the small bodies of the test and send routes. */
    static final int SMALL = 4 * 1024;

    private JsonBody() {}

    /**
     * The body as a JSON object.
     *
     * @throws ProblemException 415 for another media type, 413 past {@code limitBytes}, 400 for
     *     JSON that is not an object
     */
    static JsonNode object(HttpRequest request, int limitBytes) {
        if (!request.mediaType().equals("application/json")) {
            throw new ProblemException(Problem.unsupportedMediaType("application/json"));
        }
        JsonNode body = Json.parse(request.bodyText(limitBytes));
        if (!body.isObject()) {
            throw new ProblemException(Problem.badRequest("The body must be a JSON object."));
        }
        return body;
    }
}

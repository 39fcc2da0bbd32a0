package org.newsroom.core.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Log;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every HTTP function: maps the gateway event to {@link HttpRequest}, turns
 * {@link ProblemException} into its problem+json response and any other failure into a
 * generic 500 (never an exception message), and writes one JSON log line per request.
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Log log;

    protected ApiHandler(Log log) {
        this.log = log;
    }

    protected Log log() {
        return log;
    }

    /** Handles one request; throw {@link ProblemException} for any client error. */
    protected abstract HttpResponse handle(HttpRequest request);

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return respond(event).toGateway();
    }

    /** Handles the event and returns the response before it is converted for the gateway. */
    public final HttpResponse respond(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.of(event);
        HttpResponse response;
        Throwable failure = null;
        try {
            response = handle(request);
        } catch (ProblemException e) {
            response = e.problem().toResponse();
        } catch (Json.MalformedJsonException e) {
            response = Problem.of("malformed-json", "Malformed JSON", 400, e.getMessage()).toResponse();
        } catch (RuntimeException e) {
            failure = e;
            response = Problem.internal().toResponse();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", request.requestId());
        fields.put("route", request.routeKey());
        fields.put("status", response.status());
        fields.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        if (failure != null) {
            log.error("request failed", fields, failure);
        } else {
            log.info("request", fields);
        }
        return response;
    }
}

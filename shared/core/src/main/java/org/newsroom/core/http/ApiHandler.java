package org.newsroom.core.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Invocation;
import org.newsroom.core.log.Log;
import org.newsroom.core.store.ConcurrentChangeException;

/**
 * Base of every HTTP function: maps the gateway event to {@link HttpRequest}, turns failures into
 * problem+json responses in one place, and writes one JSON log line per request.
 *
 * <ul>
 *   <li>{@link ProblemException}: its problem (client errors the handler detected).
 *   <li>Malformed JSON: 400 {@code malformed-json}.
 *   <li>{@link ConcurrentChangeException}: 409 {@code conflict}; reading again and retrying can
 *       succeed (an editor saving at the same moment as another, a payment webhook racing its own
 *       retry).
 *   <li>Anything else: a generic 500; never an exception message.
 * </ul>
 *
 * Every log line written while a request is handled carries the Lambda request id and the
 * cold-start flag (see {@link Invocation}).
 */
public abstract class ApiHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>,
                RequestStreamHandler {

    private final Log log;
    private final Invocation.Tracker invocations = new Invocation.Tracker();

    protected ApiHandler(Log log) {
        this.log = log;
    }

    protected Log log() {
        return log;
    }

    /** Handles one request; throw {@link ProblemException} for any client error. */
    protected abstract HttpResponse handle(HttpRequest request);

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(
            APIGatewayV2HTTPEvent event, Context context) {
        return respond(event, context).toGateway();
    }

    /**
     * What Lambda calls: its runtime prefers this overload of {@code handleRequest}, so the event
     * is read and the response written by {@link GatewayJson} instead of the runtime's serialiser.
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context)
            throws IOException {
        GatewayJson.write(respond(GatewayJson.read(input), context), output);
    }

    /** Handles the event without a Lambda context (tests). */
    public final HttpResponse respond(APIGatewayV2HTTPEvent event) {
        return respond(event, null);
    }

    /** Handles the event and returns the response before it is converted for the gateway. */
    public final HttpResponse respond(APIGatewayV2HTTPEvent event, Context context) {
        try (Invocation ignored = invocations.begin(context)) {
            return respondLogged(event);
        }
    }

    private HttpResponse respondLogged(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.of(event);
        HttpResponse response;
        Throwable failure = null;
        try {
            response = handle(request);
        } catch (ProblemException e) {
            response = e.problem().toResponse();
        } catch (Json.MalformedJsonException e) {
            response =
                    Problem.of("malformed-json", "Malformed JSON", 400, e.getMessage())
                            .toResponse();
        } catch (ConcurrentChangeException e) {
            response = Problem.conflict().toResponse();
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

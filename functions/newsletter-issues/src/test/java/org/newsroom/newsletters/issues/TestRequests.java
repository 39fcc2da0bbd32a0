package org.newsroom.newsletters.issues;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.ProblemException;

/**
 * Requests built in code, for tests of one rule at a time (whole scenarios use the events/ files).
 */
final class TestRequests {

    private TestRequests() {}

    /** A request with the given body; a null content type sends no Content-Type header. */
    static HttpRequest body(String contentType, String body) {
        return HttpRequest.of(
                APIGatewayV2HTTPEvent.builder()
                        .withHeaders(
                                contentType == null
                                        ? Map.of()
                                        : Map.of("content-type", contentType))
                        .withBody(body)
                        .withIsBase64Encoded(false)
                        .build());
    }

    /** A JSON request with the given body. */
    static HttpRequest json(String body) {
        return body("application/json", body);
    }

    /** A bodiless request with the given path parameters. */
    static HttpRequest path(Map<String, String> parameters) {
        return HttpRequest.of(
                APIGatewayV2HTTPEvent.builder().withPathParameters(parameters).build());
    }

    /** A bodiless request with the given query parameters. */
    static HttpRequest query(Map<String, String> parameters) {
        return HttpRequest.of(
                APIGatewayV2HTTPEvent.builder().withQueryStringParameters(parameters).build());
    }

    /** A bodiless request that came in on {@code domainName}, or with no request context. */
    static HttpRequest onHost(String domainName) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().build();
        if (domainName != null) {
            event.setRequestContext(
                    APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withDomainName(domainName)
                            .build());
        }
        return HttpRequest.of(event);
    }

    /** The HTTP status of the problem a parse threw. */
    static int status(ProblemException e) {
        return e.problem().status();
    }
}

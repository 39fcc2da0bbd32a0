package org.newsroom.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/** Builds small payload-v2 events for the tests of this package. */
final class Events {

    private Events() {}

    static APIGatewayV2HTTPEvent event(
            String method,
            String routeKey,
            Map<String, String> headers,
            String body,
            boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(routeKey.substring(routeKey.indexOf(' ') + 1))
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(
                        APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withRequestId("req-1")
                                .withHttp(
                                        APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                                .withMethod(method)
                                                .withPath("/x")
                                                .withSourceIp("203.0.113.7")
                                                .build())
                                .build())
                .build();
    }

    static APIGatewayV2HTTPEvent get(Map<String, String> headers) {
        return event("GET", "GET /things", headers, null, false);
    }
}

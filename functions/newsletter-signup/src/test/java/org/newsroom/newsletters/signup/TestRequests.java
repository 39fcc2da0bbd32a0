package org.newsroom.newsletters.signup;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.Map;
import org.newsroom.core.http.HttpRequest;

/**
 * Requests built in code, for tests of one rule at a time (whole scenarios use the events/ files).
 */
final class TestRequests {

    private TestRequests() {}

    /**
     * A {@code POST /subscriptions} with the given headers (name, value, ...) and plain-text body.
     */
    static HttpRequest post(String body, String... headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return HttpRequest.of(
                APIGatewayV2HTTPEvent.builder()
                        .withRouteKey("POST /subscriptions")
                        .withRawPath("/subscriptions")
                        .withHeaders(map)
                        .withBody(body)
                        .withIsBase64Encoded(false)
                        .build());
    }
}

package org.newsroom.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.newsroom.core.json.Json;

/**
 * The API Gateway payload 2.0 event and response as JSON, read and written with the project's one
 * Jackson mapper. {@link ApiHandler}'s stream overload uses it so that Lambda never loads its own
 * event serialiser (a second, shaded copy of Jackson and joda-time: about 750 classes, a sizeable
 * share of a cold start). Reads exactly what the runtime's serialiser reads (checked against it on
 * every sample event in {@code events/}); fields the gateway may add later are ignored.
 */
public final class GatewayJson {

    private static final ObjectReader EVENT =
            Json.mapper()
                    .readerFor(APIGatewayV2HTTPEvent.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private GatewayJson() {}

    public static APIGatewayV2HTTPEvent read(InputStream in) throws IOException {
        return EVENT.readValue(in);
    }

    /** Writes the fields of the payload 2.0 response format that are set. */
    public static void write(APIGatewayV2HTTPResponse response, OutputStream out)
            throws IOException {
        ObjectNode json = Json.object();
        json.put("statusCode", response.getStatusCode());
        if (response.getHeaders() != null) {
            json.set("headers", Json.mapper().valueToTree(response.getHeaders()));
        }
        if (response.getMultiValueHeaders() != null) {
            json.set(
                    "multiValueHeaders",
                    Json.mapper().valueToTree(response.getMultiValueHeaders()));
        }
        if (response.getCookies() != null) {
            json.set("cookies", Json.mapper().valueToTree(response.getCookies()));
        }
        if (response.getBody() != null) {
            json.put("body", response.getBody());
        }
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        Json.mapper().writeValue(out, json);
    }
}

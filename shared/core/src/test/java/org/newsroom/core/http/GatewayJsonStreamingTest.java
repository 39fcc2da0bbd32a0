package org.newsroom.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.newsroom.core.events.Fields;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonException;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;

/**
 * The event read field by field from the parser equals the event mapped from the whole tree (how it
 * was read before), on every sample and on many variants with values of unexpected kinds, missing
 * and unknown fields; and both refuse the same malformed documents.
 */
class GatewayJsonStreamingTest {

    /** The reference: the tree of the whole event, mapped with {@link Fields}. */
    static APIGatewayV2HTTPEvent fromTree(byte[] bytes) {
        JsonNode json = Json.read(bytes);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(Fields.text(json, "version"));
        event.setRouteKey(Fields.text(json, "routeKey"));
        event.setRawPath(Fields.text(json, "rawPath"));
        event.setRawQueryString(Fields.text(json, "rawQueryString"));
        event.setCookies(Fields.list(json.get("cookies"), JsonNode::asText));
        event.setHeaders(Fields.map(json.get("headers"), JsonNode::asText));
        event.setQueryStringParameters(
                Fields.map(json.get("queryStringParameters"), JsonNode::asText));
        event.setPathParameters(Fields.map(json.get("pathParameters"), JsonNode::asText));
        event.setStageVariables(Fields.map(json.get("stageVariables"), JsonNode::asText));
        event.setBody(Fields.text(json, "body"));
        event.setIsBase64Encoded(json.path("isBase64Encoded").asBoolean(false));
        JsonNode ctx = json.get("requestContext");
        if (ctx != null && ctx.isObject()) {
            APIGatewayV2HTTPEvent.RequestContext context =
                    new APIGatewayV2HTTPEvent.RequestContext();
            context.setRouteKey(Fields.text(ctx, "routeKey"));
            context.setAccountId(Fields.text(ctx, "accountId"));
            context.setStage(Fields.text(ctx, "stage"));
            context.setApiId(Fields.text(ctx, "apiId"));
            context.setDomainName(Fields.text(ctx, "domainName"));
            context.setDomainPrefix(Fields.text(ctx, "domainPrefix"));
            context.setTime(Fields.text(ctx, "time"));
            context.setTimeEpoch(ctx.path("timeEpoch").asLong(0));
            context.setRequestId(Fields.text(ctx, "requestId"));
            JsonNode http = ctx.get("http");
            if (http != null && http.isObject()) {
                APIGatewayV2HTTPEvent.RequestContext.Http h =
                        new APIGatewayV2HTTPEvent.RequestContext.Http();
                h.setMethod(Fields.text(http, "method"));
                h.setPath(Fields.text(http, "path"));
                h.setProtocol(Fields.text(http, "protocol"));
                h.setSourceIp(Fields.text(http, "sourceIp"));
                h.setUserAgent(Fields.text(http, "userAgent"));
                context.setHttp(h);
            }
            JsonNode authorizer = ctx.get("authorizer");
            if (authorizer != null && authorizer.isObject()) {
                context.setAuthorizer(GatewayJson.authorizer(authorizer));
            }
            event.setRequestContext(context);
        }
        return event;
    }

    private static APIGatewayV2HTTPEvent streamed(byte[] bytes) throws IOException {
        return GatewayJson.read(new ByteArrayInputStream(bytes));
    }

    private static List<byte[]> samples() throws IOException {
        List<byte[]> samples = new ArrayList<>();
        for (Path file : GatewayJsonTest.httpEvents().toList()) {
            samples.add(Files.readAllBytes(file));
        }
        return samples;
    }

    private static final String[] ODD_VALUES = {
        "null",
        "0",
        "-7",
        "12345678901234567890",
        "1.5e3",
        "true",
        "false",
        "\"true\"",
        "\"123\"",
        "\"\"",
        "\"caf\\u00e9 \\\"x\\\"\"",
        "{}",
        "{\"a\":1,\"b\":[null]}",
        "[]",
        "[\"x\",null,1,{\"k\":\"v\"},[true]]"
    };

    private static final List<List<String>> PATHS =
            List.of(
                    List.of("version"),
                    List.of("routeKey"),
                    List.of("rawPath"),
                    List.of("rawQueryString"),
                    List.of("cookies"),
                    List.of("headers"),
                    List.of("headers", "accept"),
                    List.of("headers", "content-type"),
                    List.of("queryStringParameters"),
                    List.of("queryStringParameters", "limit"),
                    List.of("pathParameters"),
                    List.of("pathParameters", "slug"),
                    List.of("stageVariables"),
                    List.of("body"),
                    List.of("isBase64Encoded"),
                    List.of("somethingNew"),
                    List.of("requestContext"),
                    List.of("requestContext", "timeEpoch"),
                    List.of("requestContext", "requestId"),
                    List.of("requestContext", "routeKey"),
                    List.of("requestContext", "time"),
                    List.of("requestContext", "http"),
                    List.of("requestContext", "http", "method"),
                    List.of("requestContext", "http", "sourceIp"),
                    List.of("requestContext", "http", "newField"),
                    List.of("requestContext", "authorizer"),
                    List.of("requestContext", "authorizer", "iam"),
                    List.of("requestContext", "authorizer", "lambda"),
                    List.of("requestContext", "authorizer", "jwt"),
                    List.of("requestContext", "authorizer", "jwt", "scopes"));

    /** Sets (or, with null, removes) the value at the path, creating objects on the way. */
    private static void change(ObjectNode root, List<String> path, JsonNode value) {
        ObjectNode at = root;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode next = at.get(path.get(i));
            if (next == null || !next.isObject()) {
                next = Json.object();
                at.set(path.get(i), next);
            }
            at = (ObjectNode) next;
        }
        if (value == null) {
            at.remove(path.get(path.size() - 1));
        } else {
            at.set(path.get(path.size() - 1), value);
        }
    }

    @Test
    void read_shouldEqualTheTreeMapping_onEverySampleAndManyVariants() throws IOException {
        Random random = new Random(2026);
        int compared = 0;
        for (byte[] sample : samples()) {
            assertEquals(fromTree(sample), streamed(sample));
            for (int n = 0; n < 400; n++) {
                ObjectNode event = (ObjectNode) Json.read(sample);
                for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
                    List<String> path = PATHS.get(random.nextInt(PATHS.size()));
                    int pick = random.nextInt(ODD_VALUES.length + 1);
                    change(event, path, pick == 0 ? null : Json.read(ODD_VALUES[pick - 1]));
                }
                byte[] bytes = event.toString().getBytes(StandardCharsets.UTF_8);
                assertEquals(fromTree(bytes), streamed(bytes), event.toString());
                compared++;
            }
        }
        assertTrue(compared > 1_000, "variants compared: " + compared);
    }

    @Test
    void read_shouldEqualTheTreeMapping_forDocumentsThatAreNotObjects() throws IOException {
        for (String text : List.of("", "  ", "null", "[1,{\"a\":2}]", "\"x\"", "7", "true")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(fromTree(bytes), streamed(bytes), text);
        }
    }

    @Test
    void read_shouldRefuseWhatTheTreeRefuses_truncatedRepeatedOrTrailingText() throws IOException {
        Random random = new Random(5);
        for (byte[] sample : samples()) {
            String text = new String(sample, StandardCharsets.UTF_8);
            List<String> broken = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                broken.add(text.substring(0, 1 + random.nextInt(text.length() - 2)));
            }
            broken.add(text.strip() + " {}");
            broken.add(text.replaceFirst("\\{", "{\"version\":\"2.0\","));
            broken.add(
                    text.replaceFirst(
                            "\"requestContext\"\\s*:\\s*\\{", "$0\"stage\":1,\"stage\":2,"));
            for (String bad : broken) {
                byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
                assertThrows(JsonException.class, () -> fromTree(bytes), bad);
                assertThrows(JsonException.class, () -> streamed(bytes), bad);
            }
        }
    }

    @Test
    void read_shouldMapTheSampleAuthorizerAndTheLambdaContextUnchanged() throws IOException {
        String json =
                "{\"version\":\"2.0\",\"routeKey\":\"PUT /x\",\"requestContext\":{\"authorizer\":"
                        + "{\"iam\":{\"accessKey\":\"AK\",\"userArn\":\"arn:x\",\"cognitoIdentity\":"
                        + "{\"amr\":[\"a\"],\"identityId\":\"i\"}},\"lambda\":{\"n\":1,\"s\":\"t\"},"
                        + "\"jwt\":{\"claims\":{\"sub\":\"u\"},\"scopes\":[\"r\"]}},\"timeEpoch\":\"17\"}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPEvent event = streamed(bytes);
        assertEquals(fromTree(bytes), event);
        assertEquals("arn:x", event.getRequestContext().getAuthorizer().getIam().getUserArn());
        assertEquals(
                Map.of("n", 1, "s", "t"), event.getRequestContext().getAuthorizer().getLambda());
        assertEquals(17L, event.getRequestContext().getTimeEpoch());
    }
}

package org.newsroom.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.log.Log;
import org.newsroom.core.store.ConcurrentChangeException;

class ApiHandlerTest {

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final Log log =
            new Log("test-function", new PrintStream(logged, true, StandardCharsets.UTF_8));

    private HttpResponse run(Function<HttpRequest, HttpResponse> behaviour, String body) {
        ApiHandler handler =
                new ApiHandler(log) {
                    @Override
                    protected HttpResponse handle(HttpRequest request) {
                        return behaviour.apply(request);
                    }
                };
        return handler.respond(
                Events.event(
                        "POST",
                        "POST /things",
                        Map.of("content-type", "application/json"),
                        body,
                        false));
    }

    private String[] logLines() {
        String text = logged.toString(StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? new String[0] : text.split("\n");
    }

    @Test
    void streamHandleRequest_shouldReadTheGatewayEvent_andWriteThePayloadV2Response()
            throws Exception {
        ApiHandler handler =
                new ApiHandler(log) {
                    @Override
                    protected HttpResponse handle(HttpRequest request) {
                        return HttpResponse.json(201, "{\"route\":\"" + request.routeKey() + "\"}");
                    }
                };
        String event =
                "{\"version\":\"2.0\",\"routeKey\":\"POST /things\",\"rawPath\":\"/things\","
                        + "\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{}\","
                        + "\"isBase64Encoded\":false,\"requestContext\":{\"requestId\":\"r\","
                        + "\"http\":{\"method\":\"POST\",\"path\":\"/things\"}}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler.handleRequest(
                new java.io.ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                out,
                null);

        JsonNode response = Json.parse(out.toString(StandardCharsets.UTF_8));
        assertEquals(201, response.get("statusCode").asInt());
        assertEquals(HttpResponse.JSON, response.get("headers").get("content-type").asText());
        assertEquals("{\"route\":\"POST /things\"}", response.get("body").asText());
    }

    @Test
    void respond_shouldReturnTheHandlersResponse_andLogOneLine() {
        HttpResponse response =
                run(
                        r -> HttpResponse.json(201, "{\"ok\":true}"),
                        "{\"secret\":\"reader@news.example\"}");
        assertEquals(201, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        String[] lines = logLines();
        assertEquals(1, lines.length);
        JsonNode line = Json.parse(lines[0]);
        assertEquals("INFO", line.get("level").asText());
        assertEquals("test-function", line.get("function").asText());
        assertEquals("POST /things", line.get("route").asText());
        assertEquals(201, line.get("status").asInt());
        assertEquals("req-1", line.get("requestId").asText());
        assertFalse(lines[0].contains("reader@news.example"), lines[0]);
        assertFalse(lines[0].contains("secret"), lines[0]);
    }

    @Test
    void respond_shouldTurnProblemExceptionIntoProblemJson() {
        HttpResponse response =
                run(
                        r -> {
                            throw new ProblemException(
                                    Problem.notFound("No article has this address."));
                        },
                        null);
        assertEquals(404, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        JsonNode body = Json.parse(response.body());
        assertEquals("urn:newsroom:problem:not-found", body.get("type").asText());
        assertEquals(404, body.get("status").asInt());
        assertEquals("No article has this address.", body.get("detail").asText());
        assertEquals(1, logLines().length);
    }

    @Test
    void respond_shouldAnswerGeneric500_whenHandlerFailsUnexpectedly() {
        HttpResponse response =
                run(
                        r -> {
                            throw new IllegalStateException(
                                    "table articles-xyz is broken for reader@news.example");
                        },
                        null);
        assertEquals(500, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        assertEquals(
                "urn:newsroom:problem:internal", Json.parse(response.body()).get("type").asText());
        assertFalse(response.body().contains("articles-xyz"), response.body());
        assertFalse(response.body().contains("IllegalStateException"), response.body());
        assertFalse(response.body().contains("at org."), response.body());
        String[] lines = logLines();
        assertEquals(1, lines.length);
        JsonNode line = Json.parse(lines[0]);
        assertEquals("ERROR", line.get("level").asText());
        assertEquals(IllegalStateException.class.getName(), line.get("errorType").asText());
        assertFalse(lines[0].contains("reader@news.example"), lines[0]);
    }

    @Test
    void respond_shouldAnswer400MalformedJson_whenBodyIsNotJson() {
        HttpResponse response =
                run(
                        r -> {
                            Json.parse(r.bodyText(1024));
                            return HttpResponse.empty(204);
                        },
                        "{\"headline\": \"unterminated");
        assertEquals(400, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        assertEquals(
                "urn:newsroom:problem:malformed-json",
                Json.parse(response.body()).get("type").asText());
        assertFalse(logLines()[0].contains("unterminated"));
    }

    @Test
    void respond_shouldAnswer400MalformedJson_forTrailingGarbageOrDuplicateKeys() {
        for (String body : new String[] {"{\"a\":1} trailing", "{\"a\":1,\"a\":2}", ""}) {
            HttpResponse response =
                    run(
                            r -> {
                                Json.parse(r.bodyText(1024));
                                return HttpResponse.empty(204);
                            },
                            body);
            assertEquals(400, response.status(), body);
            assertEquals(
                    "urn:newsroom:problem:malformed-json",
                    Json.parse(response.body()).get("type").asText());
        }
    }

    @Test
    void handleRequest_shouldConvertToGatewayResponse() {
        ApiHandler handler =
                new ApiHandler(log) {
                    @Override
                    protected HttpResponse handle(HttpRequest request) {
                        return HttpResponse.json(200, "{}").withHeader("ETag", "\"t\"");
                    }
                };
        var gateway = handler.handleRequest(Events.get(Map.of()), null);
        assertEquals(200, gateway.getStatusCode());
        assertEquals(HttpResponse.JSON, gateway.getHeaders().get("content-type"));
        assertEquals("\"t\"", gateway.getHeaders().get("etag"));
        assertTrue(!gateway.getIsBase64Encoded());
    }

    @Test
    void respond_shouldAnswer409Conflict_whenAConcurrentChangeEscapes() {
        HttpResponse response =
                run(
                        r -> {
                            throw new ConcurrentChangeException("lost the race");
                        },
                        null);
        assertEquals(409, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        JsonNode body = Json.parse(response.body());
        assertTrue(body.get("type").asText().endsWith("conflict"), body.toString());
        assertFalse(response.body().contains("lost the race"), response.body());
    }

    @Test
    void handleRequest_shouldTagEveryLogLine_withTheLambdaRequestId_andColdStartOnlyTheFirstTime() {
        ApiHandler handler =
                new ApiHandler(log) {
                    @Override
                    protected HttpResponse handle(HttpRequest request) {
                        log().info("inside", Map.of());
                        return HttpResponse.empty(204);
                    }
                };
        handler.handleRequest(
                Events.event("GET", "GET /things", Map.of(), null, false), context("aws-req-1"));
        handler.handleRequest(
                Events.event("GET", "GET /things", Map.of(), null, false), context("aws-req-2"));
        String[] lines = logLines();
        assertEquals(4, lines.length);
        for (int i = 0; i < 4; i++) {
            JsonNode line = Json.parse(lines[i]);
            assertEquals(
                    i < 2 ? "aws-req-1" : "aws-req-2", line.get("awsRequestId").asText(), lines[i]);
            assertEquals(i < 2, line.get("coldStart").asBoolean(), lines[i]);
        }
        log.info("outside", Map.of());
        assertFalse(
                logLines()[4].contains("awsRequestId"),
                "no invocation is open after the call returns");
    }

    private static Context context(String requestId) {
        Context context = mock(Context.class);
        when(context.getAwsRequestId()).thenReturn(requestId);
        return context;
    }
}

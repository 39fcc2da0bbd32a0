package org.newsroom.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

class GatewayJsonTest {

    private static final Path EVENTS = Path.of("../../events");

    /** Every payload 2.0 sample of the repository (the ones the tests and the benchmark use). */
    static Stream<Path> httpEvents() throws IOException {
        try (Stream<Path> files = Files.walk(EVENTS)) {
            List<Path> found =
                    files.filter(p -> p.toString().endsWith(".json"))
                            .filter(GatewayJsonTest::isHttpEvent)
                            .toList();
            assertFalse(found.isEmpty(), "no payload 2.0 event found under " + EVENTS);
            return found.stream();
        }
    }

    private static boolean isHttpEvent(Path file) {
        try {
            JsonNode json = Json.read(java.nio.file.Files.readAllBytes(file));
            return "2.0".equals(json.path("version").asText()) && json.has("routeKey");
        } catch (IOException e) {
            return false;
        }
    }

    @ParameterizedTest
    @MethodSource("httpEvents")
    void read_shouldGiveTheSameEventAsTheLambdaRuntime(Path file) throws IOException {
        APIGatewayV2HTTPEvent runtime = EventLoader.loadApiGatewayHttpEvent(file.toString());

        APIGatewayV2HTTPEvent ours;
        try (InputStream in = Files.newInputStream(file)) {
            ours = GatewayJson.read(in);
        }

        assertEquals(runtime, ours, file.toString());
    }

    @Test
    void read_shouldIgnoreFieldsTheGatewayMayAddLater() throws IOException {
        String json =
                "{\"version\":\"2.0\",\"routeKey\":\"GET /x\",\"rawPath\":\"/x\","
                        + "\"somethingNew\":{\"a\":1},\"isBase64Encoded\":true,"
                        + "\"requestContext\":{\"http\":{\"method\":\"GET\",\"newField\":2}}}";

        APIGatewayV2HTTPEvent event =
                GatewayJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        assertEquals("GET /x", event.getRouteKey());
        assertTrue(event.getIsBase64Encoded());
        assertEquals("GET", event.getRequestContext().getHttp().getMethod());
    }

    @Test
    void write_shouldGiveThePayloadV2ResponseFields() throws IOException {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(303);
        response.setHeaders(Map.of("location", "https://example.org/thanks"));
        response.setCookies(List.of("a=b"));
        response.setBody("");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        GatewayJson.write(response, out);

        JsonNode json = Json.read(out.toByteArray());
        assertEquals(303, json.path("statusCode").asInt());
        assertEquals("https://example.org/thanks", json.path("headers").path("location").asText());
        assertEquals("a=b", json.path("cookies").path(0).asText());
        assertEquals("", json.path("body").asText());
        assertFalse(json.path("isBase64Encoded").asBoolean(true));
        assertFalse(json.has("multiValueHeaders"), "unset fields are left out");
    }

    @Test
    void writeHttpResponse_shouldWriteTheSameBytesAsItsGatewayResponse() throws IOException {
        List<HttpResponse> responses =
                List.of(
                        HttpResponse.json(200, "{\"items\":[],\"nextCursor\":null}")
                                .withHeader("etag", "\"abc\"")
                                .withHeader("cache-control", "public, max-age=60"),
                        HttpResponse.empty(304).withHeader("etag", "\"abc\""),
                        HttpResponse.empty(204),
                        HttpResponse.html(
                                200, "<p>caf\u00e9 \u20ac \ud83d\ude00 \"q\" \\ \u0001</p>"),
                        HttpResponse.seeOther("https://example.org/thanks?a=1&b=\u00e9"),
                        new HttpResponse(
                                200,
                                Map.of("content-type", HttpResponse.TEXT),
                                List.of("a=b; Path=/", "c=d; HttpOnly"),
                                ""),
                        Problem.validation(List.of(new FieldError("email", "Not valid \"x\"")))
                                .toResponse());
        for (HttpResponse response : responses) {
            ByteArrayOutputStream direct = new ByteArrayOutputStream();
            ByteArrayOutputStream viaGateway = new ByteArrayOutputStream();

            GatewayJson.write(response, direct);
            GatewayJson.write(response.toGateway(), viaGateway);

            assertEquals(
                    viaGateway.toString(StandardCharsets.UTF_8),
                    direct.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void writeHttpResponse_shouldWriteTheSameBytes_whenTheSameBodyComesAgainAndAgain()
            throws IOException {
        java.util.Random random = new java.util.Random(11);
        String[] pieces = {
            "a",
            "Z",
            " ",
            "\"",
            "\\",
            "/",
            "\n",
            "\r",
            "\t",
            "\u0000",
            "\u001f",
            "\u007f",
            "\u00e9",
            "\u20ac",
            "\u2028",
            "\u2029",
            "\ud83d\ude00",
            "<script>",
            "&amp;",
            "{}",
            "[]"
        };
        List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder body = new StringBuilder();
            int length = random.nextInt(i % 10 == 0 ? 2_000 : 40);
            for (int j = 0; j < length; j++) {
                body.append(pieces[random.nextInt(pieces.length)]);
            }
            bodies.add(body.toString());
        }
        for (int i = 0; i < 2_000; i++) {
            // Mostly the body before it again, as a warm public read answers; sometimes another.
            String body =
                    bodies.get(random.nextInt(4) == 0 ? random.nextInt(bodies.size()) : i % 7);
            HttpResponse response =
                    HttpResponse.json(200, body).withHeader("etag", "\"" + i % 3 + "\"");
            ByteArrayOutputStream direct = new ByteArrayOutputStream();
            ByteArrayOutputStream viaGateway = new ByteArrayOutputStream();

            GatewayJson.write(response, direct);
            GatewayJson.write(response.toGateway(), viaGateway);

            assertEquals(
                    viaGateway.toString(StandardCharsets.UTF_8),
                    direct.toString(StandardCharsets.UTF_8),
                    "body " + i);
            for (int again = 0; again < 2; again++) {
                ByteArrayOutputStream next = new ByteArrayOutputStream();
                GatewayJson.write(response, next);
                assertEquals(
                        viaGateway.toString(StandardCharsets.UTF_8),
                        next.toString(StandardCharsets.UTF_8),
                        "body " + i + " again");
            }
        }
    }
}

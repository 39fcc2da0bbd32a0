package org.newsroom.core.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpRequestTest {

    @Test
    void header_shouldMatchNamesCaseInsensitively() {
        HttpRequest request =
                HttpRequest.of(Events.get(Map.of("If-None-Match", "\"abc\"", "x-custom", "1")));
        assertEquals(Optional.of("\"abc\""), request.header("if-none-match"));
        assertEquals(Optional.of("\"abc\""), request.header("IF-NONE-MATCH"));
        assertEquals(Optional.of("1"), request.header("X-Custom"));
        assertEquals(Optional.empty(), request.header("referer"));
    }

    @Test
    void header_shouldBeEmpty_whenEventHasNoHeaders() {
        assertEquals(Optional.empty(), HttpRequest.of(Events.get(null)).header("accept"));
    }

    @Test
    void mediaType_shouldBeLowerCasedWithoutParameters() {
        HttpRequest request =
                HttpRequest.of(
                        Events.get(Map.of("Content-Type", "Application/JSON; charset=UTF-8")));
        assertEquals("application/json", request.mediaType());
        assertEquals("", HttpRequest.of(Events.get(Map.of())).mediaType());
    }

    @Test
    void bodyBytes_shouldDecodeBase64_whenGatewayEncodedTheBody() {
        String form = "email=a%40b.example&website=";
        APIGatewayV2HTTPEvent event =
                Events.event(
                        "POST",
                        "POST /subscriptions",
                        Map.of("content-type", "application/x-www-form-urlencoded"),
                        Base64.getEncoder().encodeToString(form.getBytes(StandardCharsets.UTF_8)),
                        true);
        HttpRequest request = HttpRequest.of(event);
        assertArrayEquals(form.getBytes(StandardCharsets.UTF_8), request.bodyBytes());
        assertEquals(form, request.bodyText(1024));
    }

    @Test
    void bodyText_shouldReturnPlainBodyAsIs_whenNotEncoded() {
        HttpRequest request =
                HttpRequest.of(Events.event("POST", "POST /x", Map.of(), "{\"a\":\"é\"}", false));
        assertEquals("{\"a\":\"é\"}", request.bodyText(1024));
    }

    @Test
    void bodyBytes_shouldRejectWith400_whenBase64IsBroken() {
        HttpRequest request =
                HttpRequest.of(Events.event("POST", "POST /x", Map.of(), "%%%not base64%%%", true));
        ProblemException e = assertThrows(ProblemException.class, request::bodyBytes);
        assertEquals(400, e.problem().status());
    }

    @Test
    void bodyText_shouldRejectWith413_whenLargerThanTheLimit() {
        HttpRequest request =
                HttpRequest.of(Events.event("POST", "POST /x", Map.of(), "x".repeat(1025), false));
        ProblemException e = assertThrows(ProblemException.class, () -> request.bodyText(1024));
        assertEquals(413, e.problem().status());
        assertEquals("urn:newsroom:problem:payload-too-large", e.problem().type());
    }

    @Test
    void bodyText_shouldAcceptBodyOfExactlyTheLimit() {
        HttpRequest request =
                HttpRequest.of(Events.event("POST", "POST /x", Map.of(), "x".repeat(1024), false));
        assertEquals(1024, request.bodyText(1024).length());
    }

    @Test
    void bodyText_shouldCountBytesNotCharacters() {
        // 600 two-byte characters are 1200 bytes.
        HttpRequest request =
                HttpRequest.of(Events.event("POST", "POST /x", Map.of(), "é".repeat(600), false));
        assertThrows(ProblemException.class, () -> request.bodyText(1024));
    }

    @Test
    void bodyText_shouldBeEmpty_whenThereIsNoBody() {
        assertEquals("", HttpRequest.of(Events.get(Map.of())).bodyText(10));
    }

    @Test
    void requestFields_shouldComeFromTheEvent() {
        HttpRequest request =
                HttpRequest.of(Events.event("post", "POST /subscriptions", Map.of(), null, false));
        assertEquals("POST", request.method());
        assertEquals("POST /subscriptions", request.routeKey());
        assertEquals("req-1", request.requestId());
        assertEquals(Optional.of("203.0.113.7"), request.sourceIp());
        assertTrue(request.cookies().isEmpty());
        assertEquals(Optional.empty(), request.query("limit"));
    }
}

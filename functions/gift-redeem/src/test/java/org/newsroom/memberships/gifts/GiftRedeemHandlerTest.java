package org.newsroom.memberships.gifts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.limits.ClientKeys;
import org.newsroom.core.limits.RateLimiter;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.time.Timestamps;
import org.newsroom.memberships.CounterDelta;
import org.newsroom.memberships.Gift;
import org.newsroom.memberships.GiftCodes;
import org.newsroom.memberships.Member;
import org.newsroom.memberships.testing.InMemoryMembershipTable;

class GiftRedeemHandlerTest {

    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final String CODE = "H3NPV-4RZ8B-XW9TD-7KQ2M";

    private final InMemoryMembershipTable repository = new InMemoryMembershipTable();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final GiftRedeemHandler handler =
            new GiftRedeemHandler(
                    repository.redemption(clock),
                    limit(5, Duration.ofHours(1)),
                    new ClientKeys(Pepper.of("gift-redeem-test-pepper-0123456789abcdef")),
                    clock,
                    new Log("gift-redeem", new PrintStream(logs, true, StandardCharsets.UTF_8)),
                    new Metrics(
                            "gift-redeem",
                            new PrintStream(metricLines, true, StandardCharsets.UTF_8),
                            clock));

    /**
     * A fixed-window limiter in memory, with the same rule as the DynamoDB one: {@code limit} calls
     * per key and window.
     */
    private static RateLimiter limit(int limit, Duration window) {
        Map<String, Integer> calls = new HashMap<>();
        return (key, now) ->
                calls.merge(key + "#" + now.getEpochSecond() / window.toSeconds(), 1, Integer::sum)
                        <= limit;
    }

    private void giftIssued(Gift.State state, Instant validUntil) {
        repository.putGift(
                Gift.builder("pi_1", state, NOW)
                        .buyerEmail("buyer@example.org")
                        .recipientEmail("friend@example.org")
                        .purchasedAt(NOW.minusSeconds(86_400))
                        .expiresAt(validUntil)
                        .codeHash(GiftCodes.hash(GiftCodes.normalise(CODE).orElseThrow()))
                        .build());
    }

    private static APIGatewayV2HTTPEvent event(String name) {
        return EventLoader.loadApiGatewayHttpEvent("../../events/gift-redeem/" + name + ".json");
    }

    private static APIGatewayV2HTTPEvent redeem(String code, String email) {
        APIGatewayV2HTTPEvent event = event("unknown-code");
        event.setBody(Json.object().put("code", code).put("email", email).toString());
        return event;
    }

    private static JsonNode problem(HttpResponse response, int status, String slug) {
        assertEquals(status, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        JsonNode body = Json.parse(response.body());
        assertEquals("urn:newsroom:problem:" + slug, body.path("type").asText());
        return body;
    }

    @Test
    void redeem_shouldActivateMembershipAndCountIt() {
        giftIssued(Gift.State.ISSUED, NOW.plusSeconds(86_400));
        HttpResponse response = handler.respond(redeem(CODE.toLowerCase(), "friend@example.org"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        JsonNode body = Json.parse(response.body());
        assertEquals("active", body.path("status").asText());
        assertEquals("gift", body.path("plan").asText());
        assertEquals(
                "{\"status\":\"active\",\"plan\":\"gift\",\"startedAt\":\"2026-11-26T12:00:00Z\"}",
                response.body());
        assertEquals(
                Map.of("content-type", HttpResponse.JSON, "cache-control", "no-store"),
                response.headers());
        assertEquals(1, repository.counter(CounterDelta.SUPPORTERS));
        assertFalse(logs.toString(StandardCharsets.UTF_8).contains("@"));
        assertEquals(List.of("GiftsRedeemed"), counted());
    }

    @Test
    void redeemed_shouldWriteTheTextTheJsonTreeWrites_whenThePlanNeedsEscaping() {
        for (String plan : List.of("gift", "a\"b\\c", "tab\there\u0001", "caf\u00e9 \u2603")) {
            Member member =
                    Member.builder("gift-pi_1", Member.Status.ACTIVE, plan, Member.Source.GIFT, NOW)
                            .startedAt(NOW.plusMillis(123))
                            .build();
            String tree =
                    Json.object()
                            .put("status", "active")
                            .put("plan", plan)
                            .put("startedAt", Timestamps.format(NOW.plusMillis(123)))
                            .toString();
            assertEquals(tree, GiftRedeemHandler.redeemed(member));
        }
    }

    @Test
    void redeem_shouldAnswer409_whenAlreadyRedeemed() {
        giftIssued(Gift.State.ISSUED, NOW.plusSeconds(86_400));
        handler.respond(redeem(CODE, "friend@example.org"));
        problem(handler.respond(redeem(CODE, "other@example.org")), 409, "gift-already-redeemed");
        assertEquals(1, repository.counter(CounterDelta.SUPPORTERS));
        assertEquals(List.of("GiftsRedeemed"), counted(), "the refused second code is not counted");
    }

    @Test
    void redeem_shouldAnswer404_whenCodeUnknown() {
        problem(handler.respond(event("unknown-code")), 404, "gift-not-found");
        problem(
                handler.respond(redeem("not-a-code-at-all", "friend@example.org")),
                404,
                "gift-not-found");
        assertEquals(0, repository.counter(CounterDelta.SUPPORTERS));
    }

    @Test
    void redeem_shouldAnswer410_whenExpiredOrRefunded() {
        giftIssued(Gift.State.ISSUED, NOW);
        problem(handler.respond(redeem(CODE, "friend@example.org")), 410, "gift-expired");
        giftIssued(Gift.State.REFUNDED, NOW.plusSeconds(86_400));
        problem(handler.respond(redeem(CODE, "friend@example.org")), 410, "gift-refunded");
        assertEquals(0, repository.counter(CounterDelta.SUPPORTERS));
    }

    @Test
    void redeem_shouldAnswer400WithFieldErrors_andWriteNothing() {
        giftIssued(Gift.State.ISSUED, NOW.plusSeconds(86_400));
        JsonNode body = problem(handler.respond(event("invalid-fields")), 400, "validation");
        assertEquals("code", body.path("errors").path(0).path("field").asText());
        assertEquals("email", body.path("errors").path(1).path("field").asText());
        assertEquals(
                "Please enter a correct email address",
                body.path("errors").path(1).path("message").asText());
        problem(handler.respond(redeem(CODE, "friend@example")), 400, "validation");
        assertEquals(Gift.State.ISSUED, repository.findGift("pi_1").orElseThrow().state());
    }

    @Test
    void redeem_shouldAnswer415_whenNotJson_and400_whenMalformed() {
        APIGatewayV2HTTPEvent form = event("unknown-code");
        Map<String, String> headers = new HashMap<>(form.getHeaders());
        headers.put("content-type", "application/x-www-form-urlencoded");
        form.setHeaders(headers);
        problem(handler.respond(form), 415, "unsupported-media-type");
        APIGatewayV2HTTPEvent broken = event("unknown-code");
        broken.setBody("{\"code\":");
        problem(handler.respond(broken), 400, "malformed-json");
    }

    @Test
    void redeem_shouldAnswer429_afterTooManyAttemptsFromOneAddress() {
        giftIssued(Gift.State.ISSUED, NOW.plusSeconds(86_400));
        for (int i = 0; i < 5; i++) {
            problem(handler.respond(event("unknown-code")), 404, "gift-not-found");
        }
        problem(handler.respond(redeem(CODE, "friend@example.org")), 429, "too-many-requests");
        assertEquals(Gift.State.ISSUED, repository.findGift("pi_1").orElseThrow().state());
        assertEquals(0, repository.counter(CounterDelta.SUPPORTERS));
    }

    /**
     * Each EMF line written, as "Metric" or "Metric/Reason", once its required fields check out.
     */
    private List<String> counted() {
        return metricLines
                .toString(StandardCharsets.UTF_8)
                .lines()
                .map(Json::parse)
                .map(
                        line -> {
                            JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
                            assertTrue(line.get("_aws").get("Timestamp").isIntegralNumber());
                            assertEquals("Newsroom", directive.get("Namespace").asText());
                            assertEquals("gift-redeem", line.get("Function").asText());
                            String name = directive.get("Metrics").get(0).get("Name").asText();
                            assertEquals(1, line.get(name).asInt());
                            return line.has("Reason")
                                    ? name + "/" + line.get("Reason").asText()
                                    : name;
                        })
                .toList();
    }
}

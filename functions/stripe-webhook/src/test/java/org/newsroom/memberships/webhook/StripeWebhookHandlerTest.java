package org.newsroom.memberships.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.memberships.Campaign;
import org.newsroom.memberships.CounterDelta;
import org.newsroom.memberships.Counting;
import org.newsroom.memberships.Gift;
import org.newsroom.memberships.Member;
import org.newsroom.memberships.StripeSignature;
import org.newsroom.memberships.testing.InMemoryMembershipTable;

class StripeWebhookHandlerTest {

    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();

    /** The sample events are signed with the local secret at this time. */
    private static final long SIGNED_AT = 1_764_000_000L;

    private static final String SECRET = "whsec_newsroom_local";

    private final InMemoryMembershipTable repository = new InMemoryMembershipTable();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    private StripeWebhookHandler handlerAt(long nowSeconds) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(nowSeconds), ZoneOffset.UTC);
        Campaign campaign =
                new Campaign(
                        "birthday",
                        "Birthday",
                        1000,
                        Instant.ofEpochSecond(SIGNED_AT - 86_400),
                        Instant.ofEpochSecond(SIGNED_AT + 86_400));
        return new StripeWebhookHandler(
                new StripeSignature(SECRET, StripeSignature.DEFAULT_TOLERANCE, clock),
                new StripeEventProcessor(
                        repository.service(Counting.withCampaign(campaign), clock)),
                new Log("stripe-webhook", new PrintStream(logs, true, StandardCharsets.UTF_8)),
                new Metrics(
                        "stripe-webhook",
                        new PrintStream(metricLines, true, StandardCharsets.UTF_8),
                        clock));
    }

    private final StripeWebhookHandler handler = handlerAt(SIGNED_AT + 10);

    private static APIGatewayV2HTTPEvent sample(String name) {
        return EventLoader.loadApiGatewayHttpEvent("../../events/stripe-webhook/" + name + ".json");
    }

    /** The sample with a different body, signed properly for it. */
    private static APIGatewayV2HTTPEvent signed(String name, String body) {
        APIGatewayV2HTTPEvent event = sample(name);
        event.setBody(body);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put(
                "stripe-signature",
                StripeSignature.header(SECRET, SIGNED_AT, body.getBytes(StandardCharsets.UTF_8)));
        event.setHeaders(headers);
        return event;
    }

    private static APIGatewayV2HTTPEvent withSignature(String name, String header) {
        APIGatewayV2HTTPEvent event = sample(name);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (header == null) {
            headers.remove("stripe-signature");
        } else {
            headers.put("stripe-signature", header);
        }
        event.setHeaders(headers);
        return event;
    }

    private static void assertReceived(HttpResponse response) {
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals("{\"received\":true}", response.body());
        assertEquals(
                Map.of("content-type", HttpResponse.JSON, "cache-control", "no-store"),
                response.headers());
    }

    private static void assertProblem(HttpResponse response, int status, String slug) {
        assertEquals(status, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        JsonNode problem = Json.parse(response.body());
        assertEquals("urn:newsroom:problem:" + slug, problem.path("type").asText());
        assertFalse(response.body().contains(SECRET));
    }

    private long supporters() {
        return repository.counter(CounterDelta.SUPPORTERS);
    }

    @Test
    void checkoutCompleted_shouldStartAndCountMembership_once_whenRetried() {
        assertReceived(handler.respond(sample("checkout-subscription")));
        assertReceived(handler.respond(sample("checkout-subscription")));
        assertReceived(handler.respond(sample("checkout-subscription")));

        Member member = repository.findMember("sub_local_monthly").orElseThrow();
        assertEquals(Member.Status.ACTIVE, member.status());
        assertEquals("monthly", member.plan());
        assertEquals(1, supporters());
        assertEquals(1, repository.counter("campaign:birthday"));
        assertEquals(
                List.of(
                        "WebhooksAccepted",
                        "MembershipsStarted",
                        "WebhooksDuplicate",
                        "WebhooksDuplicate"),
                counted());
    }

    @Test
    void sampleLifecycle_shouldEndWithNoSupporterAndARevokedGift() {
        for (String name :
                new String[] {
                    "checkout-subscription",
                    "invoice-paid",
                    "checkout-gift",
                    "charge-refunded",
                    "subscription-deleted",
                    "ignored-event"
                }) {
            assertReceived(handler.respond(sample(name)));
        }
        assertEquals(0, supporters());
        assertEquals(
                Member.Status.ENDED,
                repository.findMember("sub_local_monthly").orElseThrow().status());
        assertEquals(
                Gift.State.REFUNDED, repository.findGift("pi_local_gift").orElseThrow().state());
        assertTrue(repository.pendingJobs().isEmpty());
        assertTrue(repository.eventRecorded("evt_local_customer_created"));
        assertEquals(
                List.of(
                        "WebhooksAccepted",
                        "MembershipsStarted",
                        "WebhooksAccepted",
                        "WebhooksAccepted",
                        "GiftsBought",
                        "WebhooksAccepted",
                        "WebhooksAccepted",
                        "MembershipsEnded",
                        "WebhooksAccepted"),
                counted());
    }

    @Test
    void sampleUpdates_shouldEndAndRestartTheMembership_andCountATrialAndABadGiftAddressRight() {
        assertReceived(handler.respond(sample("checkout-subscription")));
        assertReceived(handler.respond(sample("invoice-paid")));
        assertEquals(1, supporters());
        assertReceived(handler.respond(sample("subscription-updated-paused")));
        assertEquals(0, supporters());
        assertReceived(handler.respond(sample("subscription-updated-active")));
        assertEquals(1, supporters());
        assertReceived(handler.respond(sample("invoice-paid-trial")));
        assertEquals(1, supporters(), "a trial's zero invoice counts nobody");
        assertReceived(handler.respond(sample("subscription-updated-canceled")));
        assertEquals(0, supporters());
        assertReceived(handler.respond(sample("subscription-deleted")));
        assertEquals(0, supporters());
        assertEquals(1, repository.counter("campaign:birthday"), "a restart is not a new join");

        assertReceived(handler.respond(sample("checkout-gift-invalid-recipient")));
        assertEquals(1, repository.awaitingAddress(10).size());
        assertFalse(logs.toString(StandardCharsets.UTF_8).contains("@"), "no address in the logs");
    }

    @Test
    void subscriptionDeleted_shouldWinOverALaterStart_whenDeliveredOutOfOrder() {
        assertReceived(handler.respond(sample("subscription-deleted")));
        assertReceived(handler.respond(sample("checkout-subscription")));
        assertReceived(handler.respond(sample("invoice-paid")));

        assertEquals(
                Member.Status.ENDED,
                repository.findMember("sub_local_monthly").orElseThrow().status());
        assertEquals(0, supporters());
        assertEquals(0, repository.counter("campaign:birthday"));
    }

    @Test
    void checkoutGift_shouldRecordGiftAndQueueItsMails() {
        assertReceived(handler.respond(sample("checkout-gift")));
        Gift gift = repository.findGift("pi_local_gift").orElseThrow();
        assertEquals(Gift.State.PAID, gift.state());
        assertEquals(Optional.of("friend@example.org"), gift.recipientEmail());
        assertEquals(2, repository.pendingJobs().size());
        assertEquals(0, supporters());
    }

    @Test
    void webhook_shouldReject_whenSignedWithAnotherSecret_andWriteNothing() {
        assertProblem(handler.respond(sample("wrong-secret")), 400, "invalid-signature");
        assertEquals(0, supporters());
        assertFalse(repository.eventRecorded("evt_local_checkout_monthly"));
        assertEquals(List.of("WebhooksRefused/signature"), counted());
    }

    @Test
    void webhook_shouldReject_whenSignature301SecondsStaleOrAhead() {
        assertProblem(
                handlerAt(SIGNED_AT + 301).respond(sample("checkout-subscription")),
                400,
                "invalid-signature");
        assertProblem(
                handlerAt(SIGNED_AT - 301).respond(sample("checkout-subscription")),
                400,
                "invalid-signature");
        assertEquals(0, supporters());
    }

    @Test
    void webhook_shouldReject_whenHeaderMissingOrMalformed() {
        assertProblem(
                handler.respond(withSignature("checkout-subscription", null)),
                400,
                "invalid-signature");
        assertProblem(
                handler.respond(withSignature("checkout-subscription", "t=abc,v1=00")),
                400,
                "invalid-signature");
        assertProblem(
                handler.respond(withSignature("checkout-subscription", "t=" + SIGNED_AT)),
                400,
                "invalid-signature");
        assertProblem(
                handler.respond(withSignature("checkout-subscription", "=,=,=")),
                400,
                "invalid-signature");
        assertEquals(0, supporters());
    }

    @Test
    void webhook_shouldAccept_whenOneOfSeveralV1Matches() {
        APIGatewayV2HTTPEvent event = sample("checkout-subscription");
        String valid = event.getHeaders().get("stripe-signature");
        String other = "v1=" + "ab".repeat(32);
        assertReceived(
                handler.respond(
                        withSignature(
                                "checkout-subscription",
                                valid.replace(",v1=", "," + other + ",v1="))));
        assertEquals(1, supporters());
    }

    @Test
    void webhook_shouldReject_whenBodyWasReserialised() {
        APIGatewayV2HTTPEvent event = sample("checkout-subscription");
        event.setBody(Json.parse(event.getBody()).toString());
        assertProblem(handler.respond(event), 400, "invalid-signature");
        assertEquals(0, supporters());
    }

    @Test
    void webhook_shouldVerifyTheDecodedBytes_whenGatewayBase64EncodedTheBody() {
        APIGatewayV2HTTPEvent event = sample("checkout-subscription");
        event.setBody(
                Base64.getEncoder()
                        .encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);
        assertReceived(handler.respond(event));
        assertEquals(1, supporters());
    }

    @Test
    void webhook_shouldAnswer400_whenSignedBodyIsNotAnEvent() {
        assertProblem(
                handler.respond(signed("checkout-subscription", "{\"hello\":\"world\"}")),
                400,
                "bad-request");
        assertProblem(
                handler.respond(signed("checkout-subscription", "{not json")),
                400,
                "malformed-json");
        assertEquals(List.of("WebhooksRefused/invalid", "WebhooksRefused/invalid"), counted());
    }

    @Test
    void checkoutCompleted_shouldBeIgnored_whenNotPaidYet() {
        String body =
                sample("checkout-subscription")
                        .getBody()
                        .replace("\"payment_status\": \"paid\"", "\"payment_status\": \"unpaid\"");
        assertReceived(handler.respond(signed("checkout-subscription", body)));
        assertEquals(0, supporters());
        assertTrue(repository.eventRecorded("evt_local_checkout_monthly"));
    }

    @Test
    void webhook_shouldNeverLogAddresses() {
        handler.respond(sample("checkout-subscription"));
        handler.respond(sample("checkout-gift"));
        handler.respond(sample("wrong-secret"));
        String written = logs.toString(StandardCharsets.UTF_8);
        assertTrue(written.contains("evt_local_checkout_gift"));
        assertFalse(written.contains("@"));
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
                            assertEquals("stripe-webhook", line.get("Function").asText());
                            String name = directive.get("Metrics").get(0).get("Name").asText();
                            assertEquals(1, line.get(name).asInt());
                            return line.has("Reason")
                                    ? name + "/" + line.get("Reason").asText()
                                    : name;
                        })
                .toList();
    }
}

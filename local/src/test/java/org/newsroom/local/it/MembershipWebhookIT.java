package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.local.it.StripeEvents.deliver;
import static org.newsroom.local.it.StripeEvents.unique;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.memberships.MembershipItems;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The Stripe webhook against the local stack: signatures, idempotency, ordering. */
class MembershipWebhookIT {

    private static Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        return LocalStackSupport.stack()
                .dynamo()
                .getItem(
                        b ->
                                b.tableName(
                                                LocalStackSupport.stack()
                                                        .physicalId("MembershipsTable"))
                                        .key(key)
                                        .consistentRead(true))
                .item();
    }

    private static void assertReceived(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "application/json; charset=utf-8",
                response.headers().firstValue("content-type").orElse(""));
        assertEquals("{\"received\":true}", response.body());
    }

    @Test
    void sameEventDeliveredThreeTimesConcurrently_shouldCreateOneMembershipCountedOnce()
            throws Exception {
        String subscription = unique("sub");
        String body = StripeEvents.checkoutSubscription(unique("evt"), subscription);
        long before = StripeEvents.supporters();
        long campaignBefore = StripeEvents.campaignNewMembers();

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<HttpResponse<String>>> deliveries =
                    List.of(
                            CompletableFuture.supplyAsync(() -> deliver(body), pool),
                            CompletableFuture.supplyAsync(() -> deliver(body), pool),
                            CompletableFuture.supplyAsync(() -> deliver(body), pool));
            for (CompletableFuture<HttpResponse<String>> delivery : deliveries) {
                assertReceived(delivery.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(before + 1, StripeEvents.supporters());
        assertEquals(campaignBefore + 1, StripeEvents.campaignNewMembers());
        assertEquals("ACTIVE", item(MembershipItems.memberKey(subscription)).get("status").s());
        assertEquals("1", item(MembershipItems.memberKey(subscription)).get("version").n());
    }

    @Test
    void endDeliveredBeforeStart_shouldLeaveMembershipEnded_andCountNothing() {
        String subscription = unique("sub");
        long before = StripeEvents.supporters();

        // The end happened after the start, as at Stripe, but is delivered first.
        long endedAt = Instant.now().getEpochSecond() + 60;
        assertReceived(
                deliver(StripeEvents.subscriptionDeleted(unique("evt"), subscription, endedAt)));
        assertReceived(deliver(StripeEvents.checkoutSubscription(unique("evt"), subscription)));
        assertReceived(deliver(StripeEvents.invoicePaid(unique("evt"), subscription)));

        assertEquals("ENDED", item(MembershipItems.memberKey(subscription)).get("status").s());
        assertEquals(before, StripeEvents.supporters());
    }

    @Test
    void startRenewEnd_shouldMoveTheCounterUpThenDown_andIgnoreReplays() {
        String subscription = unique("sub");
        String start = StripeEvents.checkoutSubscription(unique("evt"), subscription);
        // Ended after the renewal below, whose invoice is stamped when it is built: an end stamped
        // now could fall a second before it when the clock turns in between, and be ignored.
        String end =
                StripeEvents.subscriptionDeleted(
                        unique("evt"), subscription, Instant.now().getEpochSecond() + 60);
        long before = StripeEvents.supporters();

        assertReceived(deliver(StripeEvents.invoicePaid(unique("evt"), subscription)));
        assertReceived(deliver(start));
        assertEquals(before + 1, StripeEvents.supporters());
        assertReceived(deliver(end));
        assertReceived(deliver(end));
        assertReceived(deliver(start));
        assertEquals(before, StripeEvents.supporters());
    }

    @Test
    void wrongSecret_shouldAnswer400Problem_andWriteNothing() {
        String eventId = unique("evt");
        String subscription = unique("sub");
        long before = StripeEvents.supporters();

        HttpResponse<String> response =
                deliver(
                        StripeEvents.checkoutSubscription(eventId, subscription),
                        "whsec_not_the_one");

        assertEquals(400, response.statusCode());
        assertEquals(
                "application/problem+json; charset=utf-8",
                response.headers().firstValue("content-type").orElse(""));
        JsonNode problem = Json.parse(response.body());
        assertEquals("urn:newsroom:problem:invalid-signature", problem.path("type").asText());
        assertTrue(item(MembershipItems.eventKey(eventId)).isEmpty());
        assertTrue(item(MembershipItems.memberKey(subscription)).isEmpty());
        assertEquals(before, StripeEvents.supporters());
    }

    @Test
    void missingSignature_shouldAnswer400Problem() {
        HttpResponse<String> response =
                LocalStackSupport.post(
                        "/webhooks/stripe",
                        "application/json",
                        StripeEvents.checkoutSubscription(unique("evt"), unique("sub")));
        assertEquals(400, response.statusCode());
        assertEquals(
                "application/problem+json; charset=utf-8",
                response.headers().firstValue("content-type").orElse(""));
        assertFalse(response.body().contains("whsec"));
    }
}

package org.newsroom.local.it;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.memberships.StripeSignature;

/**
 * Builds Stripe events for the integration tests and delivers them signed with the local secret.
 */
final class StripeEvents {

    static final String LOCAL_SECRET = "whsec_newsroom_local";

    private StripeEvents() {}

    static String unique(String prefix) {
        return prefix + "_it_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static ObjectNode event(String id, String type, ObjectNode object) {
        ObjectNode event = Json.object();
        event.put("id", id)
                .put("object", "event")
                .put("type", type)
                .put("created", Instant.now().getEpochSecond())
                .put("livemode", false);
        event.putObject("data").set("object", object);
        return event;
    }

    static String checkoutSubscription(String eventId, String subscriptionId) {
        ObjectNode session =
                Json.object()
                        .put("id", unique("cs"))
                        .put("object", "checkout.session")
                        .put("mode", "subscription")
                        .put("payment_status", "paid")
                        .put("status", "complete")
                        .put("subscription", subscriptionId)
                        .put("created", Instant.now().getEpochSecond());
        session.putObject("customer_details").put("email", "member@example.org");
        session.putObject("metadata").put("plan", "monthly");
        return event(eventId, "checkout.session.completed", session).toString();
    }

    static String invoicePaid(String eventId, String subscriptionId) {
        ObjectNode invoice =
                Json.object()
                        .put("id", unique("in"))
                        .put("object", "invoice")
                        .put("subscription", subscriptionId)
                        .put("customer_email", "member@example.org")
                        .put("created", Instant.now().getEpochSecond());
        return event(eventId, "invoice.paid", invoice).toString();
    }

    static String subscriptionDeleted(String eventId, String subscriptionId) {
        return subscriptionDeleted(eventId, subscriptionId, Instant.now().getEpochSecond());
    }

    /** The subscription ended at {@code endedAt} (epoch seconds). */
    static String subscriptionDeleted(String eventId, String subscriptionId, long endedAt) {
        ObjectNode subscription =
                Json.object()
                        .put("id", subscriptionId)
                        .put("object", "subscription")
                        .put("status", "canceled")
                        .put("ended_at", endedAt);
        return event(eventId, "customer.subscription.deleted", subscription)
                .put("created", endedAt)
                .toString();
    }

    /** A paid checkout of {@code email} at {@code created} (epoch seconds). */
    static String checkoutSubscription(
            String eventId, String subscriptionId, String email, long created) {
        ObjectNode session =
                Json.object()
                        .put("id", unique("cs"))
                        .put("object", "checkout.session")
                        .put("mode", "subscription")
                        .put("payment_status", "paid")
                        .put("status", "complete")
                        .put("subscription", subscriptionId)
                        .put("created", created);
        session.putObject("customer_details").put("email", email);
        session.putObject("metadata").put("plan", "monthly");
        ObjectNode event = event(eventId, "checkout.session.completed", session);
        return event.put("created", created).toString();
    }

    /** An invoice of {@code amountPaid} cents paid at {@code created} (epoch seconds). */
    static String invoicePaid(
            String eventId, String subscriptionId, String email, long amountPaid, long created) {
        ObjectNode invoice =
                Json.object()
                        .put("id", unique("in"))
                        .put("object", "invoice")
                        .put("subscription", subscriptionId)
                        .put("customer_email", email)
                        .put("amount_paid", amountPaid)
                        .put("created", created);
        return event(eventId, "invoice.paid", invoice).put("created", created).toString();
    }

    /** The subscription changed to {@code status} at {@code created} (epoch seconds). */
    static String subscriptionUpdated(
            String eventId, String subscriptionId, String status, long created) {
        ObjectNode subscription =
                Json.object()
                        .put("id", subscriptionId)
                        .put("object", "subscription")
                        .put("status", status);
        subscription.putObject("metadata").put("plan", "monthly");
        return event(eventId, "customer.subscription.updated", subscription)
                .put("created", created)
                .toString();
    }

    static String checkoutGift(String eventId, String paymentIntent, String recipient) {
        return checkoutGift(eventId, paymentIntent, giftBuyer(paymentIntent), recipient);
    }

    /** A paid gift bought by {@code buyer} for {@code recipient}. */
    static String checkoutGift(
            String eventId, String paymentIntent, String buyer, String recipient) {
        ObjectNode session =
                Json.object()
                        .put("id", unique("cs"))
                        .put("object", "checkout.session")
                        .put("mode", "payment")
                        .put("payment_status", "paid")
                        .put("status", "complete")
                        .put("payment_intent", paymentIntent)
                        .put("created", Instant.now().getEpochSecond());
        session.putObject("customer_details").put("email", buyer);
        session.putObject("metadata")
                .put("gift", "true")
                .put("gift_recipient_email", recipient)
                .put("gift_recipient_name", "Sam")
                .put("gift_message", "Enjoy <b>this</b> & more");
        return event(eventId, "checkout.session.completed", session).toString();
    }

    /** The buyer's address in {@link #checkoutGift}. */
    static String giftBuyer(String paymentIntent) {
        return "buyer-" + paymentIntent.toLowerCase() + "@example.org";
    }

    static String chargeRefunded(String eventId, String paymentIntent) {
        ObjectNode charge =
                Json.object()
                        .put("id", unique("ch"))
                        .put("object", "charge")
                        .put("payment_intent", paymentIntent)
                        .put("refunded", true)
                        .put("amount_refunded", 9000);
        return event(eventId, "charge.refunded", charge).toString();
    }

    /** POSTs the event to the local API, signed now with the given secret. */
    static HttpResponse<String> deliver(String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return LocalStackSupport.send(
                HttpRequest.newBuilder(LocalStackSupport.url("/webhooks/stripe"))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header(
                                "Stripe-Signature",
                                StripeSignature.header(
                                        secret, Instant.now().getEpochSecond(), bytes))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    static HttpResponse<String> deliver(String body) {
        return deliver(body, LOCAL_SECRET);
    }

    /** The live numbers from GET /memberships/stats. */
    static JsonNode stats() {
        HttpResponse<String> response = LocalStackSupport.get("/memberships/stats");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("stats answered " + response.statusCode());
        }
        return Json.parse(response.body());
    }

    static long supporters() {
        return stats().path("supporters").asLong();
    }

    static long campaignNewMembers() {
        return stats().path("campaign").path("newMembers").asLong();
    }
}

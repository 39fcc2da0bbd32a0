package org.newsroom.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.issues.SendJob;
import org.newsroom.memberships.GiftCodes;
import org.newsroom.memberships.StripeSignature;
import org.newsroom.memberships.gifts.RedeemRequest;
import org.newsroom.memberships.webhook.StripeEventProcessor;
import org.newsroom.subscriptions.SubscriptionItems;

class BenchEventsTest {

    private static final String SECRET = "whsec_bench_test";
    private static final long NOW = 1_795_978_000L;

    private static String sample(String file) throws Exception {
        return Files.readString(Path.of(System.getProperty("newsroom.root", ".."), "events", file));
    }

    @Test
    void withSlugSuffix_shouldPutEachRunUnderItsOwnSlug_andChangeNothingElse() throws Exception {
        String sample = sample("articles-admin/put-article.json");

        JsonNode first = Json.read(BenchEvents.withSlugSuffix(sample, "bench-a-0"));
        JsonNode second = Json.read(BenchEvents.withSlugSuffix(sample, "bench-a-1"));

        assertEquals("harbour-bridge-repairs-bench-a-0", first.at("/pathParameters/slug").asText());
        assertEquals("/articles/harbour-bridge-repairs-bench-a-0", first.at("/rawPath").asText());
        assertEquals(
                "/articles/harbour-bridge-repairs-bench-a-0",
                first.at("/requestContext/http/path").asText());
        assertEquals(
                "harbour-bridge-repairs-bench-a-1", second.at("/pathParameters/slug").asText());
        assertEquals(Json.read(sample).path("body"), first.path("body"));
        for (JsonNode event : List.of(first, second)) {
            ((ObjectNode) event.get("pathParameters")).remove("slug");
            ((ObjectNode) event).remove("rawPath");
            ((ObjectNode) event.at("/requestContext/http")).remove("path");
        }
        assertEquals(first, second);
    }

    @Test
    void editing_shouldReplaceTheSameArticle_withABodyOfItsOwn_onEachInvocation() throws Exception {
        String sample = sample("articles-admin/put-article.json");
        String sampleBody = articleOf(sample).path("body").asText();

        String first = BenchEvents.editing(sample, "run-0", 7);
        String second = BenchEvents.editing(sample, "run-0", 8);

        assertEquals(
                Json.read(first).path("rawPath").asText(),
                Json.read(second).path("rawPath").asText());
        assertEquals("*", Json.read(first).path("headers").path("if-match").asText());
        assertEquals(sampleBody + "<p>Correction 7.</p>", articleOf(first).path("body").asText());
        assertEquals(sampleBody + "<p>Correction 8.</p>", articleOf(second).path("body").asText());
        // Nothing else of the article changes.
        ObjectNode edited = (ObjectNode) articleOf(first);
        edited.put("body", sampleBody);
        assertEquals(articleOf(sample), edited);
    }

    private static JsonNode articleOf(String event) {
        return Json.read(Json.read(event).path("body").asText());
    }

    @Test
    void newWebhookEvent_shouldBeANewCorrectlySignedEvent_onEachRun() throws Exception {
        String sample = sample("stripe-webhook/checkout-subscription.json");
        StripeSignature verifier =
                new StripeSignature(
                        SECRET,
                        Duration.ofMinutes(5),
                        Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

        JsonNode first = Json.read(BenchEvents.newWebhookEvent(sample, "bench-a-0", SECRET, NOW));
        JsonNode second = Json.read(BenchEvents.newWebhookEvent(sample, "bench-a-1", SECRET, NOW));

        for (JsonNode event : List.of(first, second)) {
            byte[] body = event.path("body").asText().getBytes(StandardCharsets.UTF_8);
            verifier.verify(event.at("/headers/stripe-signature").asText(), body);
            assertEquals(
                    Integer.toString(body.length), event.at("/headers/content-length").asText());
            // The function accepts it as an event (its ids are letters, digits and underscores).
            assertTrue(StripeEventProcessor.header(Json.read(body)).isPresent());
        }
        JsonNode a = Json.read(first.path("body").asText());
        JsonNode b = Json.read(second.path("body").asText());
        assertEquals("evt_local_checkout_monthly_bench_a_0", a.path("id").asText());
        for (String pointer :
                List.of(
                        "/id",
                        "/data/object/id",
                        "/data/object/customer",
                        "/data/object/subscription",
                        "/data/object/customer_details/email")) {
            assertNotEquals(a.at(pointer), b.at(pointer), pointer);
        }
        assertEquals(a.path("type"), b.path("type"));
        assertEquals(a.at("/data/object/metadata"), b.at("/data/object/metadata"));
        // Signed for its own body: the first run's signature does not fit the second's body.
        assertThrows(
                StripeSignature.InvalidSignatureException.class,
                () ->
                        verifier.verify(
                                first.at("/headers/stripe-signature").asText(),
                                second.path("body").asText().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void confirmationRecord_shouldNameTheGivenRequest_inItsKeysAndImage() throws Exception {
        String sample = sample("confirmation-mailer/confirmation-request-inserted.json");

        JsonNode record =
                Json.read(
                                BenchEvents.confirmationRecord(
                                        sample,
                                        "address-id-1",
                                        "CONFIRM#20261129T180000Z-0123456789ab",
                                        "reader-1@example.org"))
                        .at("/Records/0/dynamodb");

        SubscriptionItems.ConfirmationRequestKey key =
                SubscriptionItems.confirmationRequest(
                                name -> record.path("Keys").path(name).path("S").asText())
                        .orElseThrow();
        assertEquals("address-id-1", key.addressId());
        assertEquals("20261129T180000Z-0123456789ab", key.requestId());
        assertEquals("address-id-1", record.at("/NewImage/pk/S").asText());
        assertEquals("CONFIRM#20261129T180000Z-0123456789ab", record.at("/NewImage/sk/S").asText());
        assertEquals("reader-1@example.org", record.at("/NewImage/address/S").asText());
        assertEquals("daily-briefing", record.at("/NewImage/newsletters/L/0/S").asText());
    }

    @Test
    void batch_shouldNameTheGivenIssueBatchAndReaders() throws Exception {
        String sample = sample("issue-sender/send-batch.json");

        JsonNode event =
                Json.read(
                        BenchEvents.batch(
                                sample,
                                "daily-briefing",
                                "20261129t180000z-def456",
                                "0-bench-a-3",
                                List.of("reader-a", "reader-b")));

        SendJob job = SendJob.parse(event.at("/Records/0/body").asText());
        assertEquals(SendJob.Kind.BATCH, job.kind());
        assertEquals("daily-briefing", job.newsletter());
        assertEquals("20261129t180000z-def456", job.issueId());
        assertEquals("0-bench-a-3", job.batchId());
        assertEquals(List.of("reader-a", "reader-b"), job.addressIds());
        assertEquals(
                Json.read(sample).at("/Records/0/messageId"), event.at("/Records/0/messageId"));
    }

    @Test
    void withBouncedAddress_shouldBounceTheGivenAddress_only() throws Exception {
        String sample = sample("bounce-handler/permanent-bounce.json");

        JsonNode event =
                Json.read(BenchEvents.withBouncedAddress(sample, "bounced-bench-a-0@example.org"));

        JsonNode message = Json.read(event.at("/Records/0/Sns/Message").asText());
        assertEquals(
                "bounced-bench-a-0@example.org",
                message.at("/bounce/bouncedRecipients/0/emailAddress").asText());
        assertEquals("bounced-bench-a-0@example.org", message.at("/mail/destination/0").asText());
        assertEquals("newsletters@example.org", message.at("/mail/source").asText());
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchEvents.withBouncedAddress("{}", "x@example.org"));
    }

    @Test
    void redemption_shouldRedeemTheGivenCode_forTheGivenAddress_andChangeNothingElse()
            throws Exception {
        String sample = sample("gift-redeem/unknown-code.json");
        String code = GiftCodes.generate();

        JsonNode event =
                Json.read(BenchEvents.redemption(sample, code, "friend-bench-a-0@example.org"));

        // As the function reads it.
        RedeemRequest request = RedeemRequest.parse(event.path("body").asText());
        assertEquals(code, request.code());
        assertEquals("friend-bench-a-0@example.org", request.email().value());
        assertEquals(
                Integer.toString(
                        event.path("body").asText().getBytes(StandardCharsets.UTF_8).length),
                event.at("/headers/content-length").asText());
        ObjectNode rest = (ObjectNode) Json.read(sample);
        for (ObjectNode e : List.of(rest, (ObjectNode) event)) {
            e.remove("body");
            ((ObjectNode) e.path("headers")).remove("content-length");
        }
        assertEquals(rest, event);
    }

    @Test
    void giftId_shouldBeAPaymentIdOfItsOwn_perFunctionAndInvocation() {
        String redeem = BenchEvents.giftId(BenchEvents.GIFT_REDEEM, "bench-a-0");
        String mail = BenchEvents.giftId(BenchEvents.GIFT_MAILER, "bench-a-0");

        assertNotEquals(redeem, mail);
        assertNotEquals(redeem, BenchEvents.giftId(BenchEvents.GIFT_REDEEM, "bench-a-1"));
        for (String id : List.of(redeem, mail)) {
            assertTrue(id.matches("pi_[A-Za-z0-9_]+"), id);
        }
    }
}

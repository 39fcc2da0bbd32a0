package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.newsroom.local.it.StripeEvents.unique;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.local.Outbox;

/** Gift purchase → scheduled mailer → SES outbox → redemption, on the local stack. */
class MembershipGiftIT {

    private static final Pattern CODE = Pattern.compile("([0-9A-Z]{5}-){3}[0-9A-Z]{5}");

    private static String recipient() {
        return unique("friend").toLowerCase() + "@example.org";
    }

    /**
     * Buys a gift, runs the mailer (the schedule may beat us to it) and returns the code from the
     * email.
     */
    @SuppressWarnings("unchecked")
    private static String buyAndReceiveCode(String paymentIntent, String recipient)
            throws InterruptedException {
        assertEquals(
                200,
                StripeEvents.deliver(
                                StripeEvents.checkoutGift(unique("evt"), paymentIntent, recipient))
                        .statusCode());
        var mailer =
                (com.amazonaws.services.lambda.runtime.RequestHandler<
                                Map<String, Object>, Map<String, Object>>)
                        LocalStackSupport.stack().handler("GiftMailerFunction");
        for (int attempt = 0; attempt < 50; attempt++) {
            mailer.handleRequest(
                    new HashMap<>(Map.of("detail-type", "Scheduled Event", "source", "aws.events")),
                    null);
            List<Outbox.Email> mails = LocalStackSupport.stack().outbox().to(recipient);
            if (!mails.isEmpty()) {
                assertEquals(1, mails.size());
                Outbox.Email mail = mails.get(0);
                assertFalse(mail.html().contains("<b>this</b>"), "the personal message is escaped");
                assertTrue(mail.html().contains("&lt;b&gt;this&lt;/b&gt; &amp; more"));
                Matcher matcher = CODE.matcher(mail.html());
                assertTrue(matcher.find(), "the email carries a code");
                return matcher.group();
            }
            Thread.sleep(200);
        }
        return fail("no gift email reached the outbox");
    }

    private static HttpResponse<String> redeem(String code, String email) {
        return LocalStackSupport.post(
                "/gifts/redeem",
                "application/json",
                Json.object().put("code", code).put("email", email).toString());
    }

    @Test
    void concurrentRedemptions_shouldHaveExactlyOneWinner_countedOnce() throws Exception {
        String recipient = recipient();
        String code = buyAndReceiveCode(unique("pi"), recipient);
        long before = StripeEvents.supporters();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<HttpResponse<String>>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                attempts.add(CompletableFuture.supplyAsync(() -> redeem(code, recipient), pool));
            }
            int won = 0;
            int refused = 0;
            for (CompletableFuture<HttpResponse<String>> attempt : attempts) {
                HttpResponse<String> response = attempt.get();
                if (response.statusCode() == 200) {
                    won++;
                    assertEquals(
                            "application/json; charset=utf-8",
                            response.headers().firstValue("content-type").orElse(""));
                    assertEquals("active", Json.parse(response.body()).path("status").asText());
                } else {
                    refused++;
                    assertEquals(409, response.statusCode(), response.body());
                    assertEquals(
                            "application/problem+json; charset=utf-8",
                            response.headers().firstValue("content-type").orElse(""));
                }
            }
            assertEquals(1, won);
            assertEquals(7, refused);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 1, StripeEvents.supporters());
    }

    @Test
    void refundedGift_shouldAnswer410_andUnknownCode404() throws Exception {
        String paymentIntent = unique("pi");
        String recipient = recipient();
        String code = buyAndReceiveCode(paymentIntent, recipient);
        assertEquals(
                200,
                StripeEvents.deliver(StripeEvents.chargeRefunded(unique("evt"), paymentIntent))
                        .statusCode());

        HttpResponse<String> refunded = redeem(code, recipient);
        assertEquals(410, refunded.statusCode());
        assertEquals(
                "application/problem+json; charset=utf-8",
                refunded.headers().firstValue("content-type").orElse(""));
        JsonNode problem = Json.parse(refunded.body());
        assertEquals("urn:newsroom:problem:gift-refunded", problem.path("type").asText());

        HttpResponse<String> unknown = redeem("H3NPV-4RZ8B-XW9TD-7KQ2M", recipient);
        assertEquals(404, unknown.statusCode());
        assertEquals(
                "application/problem+json; charset=utf-8",
                unknown.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void invalidFields_shouldAnswer400WithFieldErrors() {
        HttpResponse<String> response = redeem("", "not-an-address");
        assertEquals(400, response.statusCode());
        assertEquals(
                "application/problem+json; charset=utf-8",
                response.headers().firstValue("content-type").orElse(""));
        JsonNode errors = Json.parse(response.body()).path("errors");
        assertEquals("code", errors.path(0).path("field").asText());
        assertEquals("email", errors.path(1).path("field").asText());
    }
}

package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.newsroom.local.it.LocalStackSupport.stack;
import static org.newsroom.local.it.StripeEvents.deliver;
import static org.newsroom.local.it.StripeEvents.unique;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.TokenKeyRing;

/**
 * Secrets rotated in Secrets Manager while the stack runs, with no restart or redeploy: the
 * functions read them again once their cache expires (local/parameters.json sets
 * SecretsCacheSeconds to 1).
 */
class SecretRotationIT {

    private static final String LOCAL = StripeEvents.LOCAL_SECRET;
    private static final String ROTATED = "whsec_rotated_in_secrets_manager";

    @Test
    void stripeWebhook_shouldAcceptOldAndNewSecrets_duringAnOverlap_andDropTheOldAfter() {
        stack();
        // Before: the new secret is not known yet.
        assertEquals(400, deliver(event(), ROTATED).statusCode());
        try {
            stack().putSecretValue(
                            "StripeWebhookSecret",
                            "{\"current\":\"" + ROTATED + "\",\"previous\":\"" + LOCAL + "\"}");
            // The new secret is accepted once the short cache has expired: no deploy, no restart.
            eventually(() -> deliver(event(), ROTATED));
            // During the overlap deliveries signed with the old secret are still accepted.
            assertEquals(200, deliver(event(), LOCAL).statusCode());

            stack().putSecretValue("StripeWebhookSecret", "{\"current\":\"" + ROTATED + "\"}");
            eventually(() -> deliver(event(), ROTATED));
            HttpResponse<String> old = awaitStatus(400, () -> deliver(event(), LOCAL));
            assertEquals(
                    "application/problem+json; charset=utf-8",
                    old.headers().firstValue("content-type").orElseThrow());
        } finally {
            stack().putSecretValue(
                            "StripeWebhookSecret",
                            "{\"current\":\"" + LOCAL + "\",\"previous\":\"" + ROTATED + "\"}");
            eventually(() -> deliver(event(), LOCAL));
        }
    }

    @Test
    void linkTokens_shouldVerifyWithARotatedKeyRing_andKeepOldLinksWorking() {
        String original = stack().secretValue("TokenKeySecret");
        TokenKeyRing before = TokenKeyRing.parseSecret(original);
        String newKey = "k2-rotated-key-0123456789-0123456789-0123456789";
        String rotated = original.replaceFirst("\\}\\s*$", ",\"k2\":\"" + newKey + "\"}");
        rotated =
                rotated.replace("\"current\":\"" + before.currentId() + "\"", "\"current\":\"k2\"");
        LinkTokens signedWithNewKey =
                new LinkTokens(TokenKeyRing.parseSecret(rotated), Duration.ofHours(48));
        String newToken =
                signedWithNewKey.issue(
                        LinkToken.Purpose.UNSUBSCRIBE,
                        "A".repeat(43),
                        List.of("daily-briefing"),
                        Instant.now());
        String oldToken =
                new LinkTokens(before, Duration.ofHours(48))
                        .issue(
                                LinkToken.Purpose.UNSUBSCRIBE,
                                "A".repeat(43),
                                List.of("daily-briefing"),
                                Instant.now());
        try {
            assertEquals(400, unsubscribePage(newToken), "the new key is not in the ring yet");
            stack().putSecretValue("TokenKeySecret", rotated);
            awaitStatus(200, () -> unsubscribeResponse(newToken));
            assertEquals(200, unsubscribePage(oldToken), "links already sent keep working");
        } finally {
            stack().putSecretValue("TokenKeySecret", original);
            awaitStatus(400, () -> unsubscribeResponse(newToken));
        }
    }

    private static int unsubscribePage(String token) {
        return unsubscribeResponse(token).statusCode();
    }

    private static HttpResponse<String> unsubscribeResponse(String token) {
        return LocalStackSupport.get("/unsubscribe?token=" + token);
    }

    private static String event() {
        return StripeEvents.subscriptionDeleted(unique("evt"), unique("sub"));
    }

    private static void eventually(Supplier<HttpResponse<String>> call) {
        awaitStatus(200, call);
    }

    private static HttpResponse<String> awaitStatus(
            int status, Supplier<HttpResponse<String>> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> response = call.get();
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            response = call.get();
        }
        assertEquals(status, response.statusCode(), response.body());
        return response;
    }
}

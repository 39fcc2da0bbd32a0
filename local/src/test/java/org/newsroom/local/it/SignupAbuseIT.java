package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.local.it.NewsletterSupport.*;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.local.MetricLines;
import org.newsroom.newsletters.mailer.ConfirmationMailerHandler;
import org.newsroom.newsletters.signup.NewsletterSignupHandler;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Mail bombing through the signup form, against the local stack: one inbox however its address is
 * written, forms posted from other sites, IPv6 clients rotating within their /64, and the hourly
 * budget that holds confirmation emails instead of sending them.
 */
class SignupAbuseIT {

    /**
     * Runs {@code body} with the mailer built from its template environment plus {@code overrides},
     * then puts the stack's own mailer back.
     */
    private static void withMailer(Map<String, String> overrides, Runnable body) throws Exception {
        try (AutoCloseable ignored =
                stack().replaceHandlerForTest(
                                "ConfirmationMailerFunction",
                                environment -> {
                                    Map<String, String> changed = new HashMap<>(environment);
                                    changed.putAll(overrides);
                                    return new ConfirmationMailerHandler(changed);
                                })) {
            body.run();
        }
    }

    @Test
    void oneInbox_shouldGetAtMostThreeConfirmationsADay_howeverItsAddressIsWritten()
            throws Exception {
        String name = "victim" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        List<String> spellings = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            spellings.add(name + "+" + i + "@gmail.com");
        }
        spellings.add(String.join(".", name.split("")) + "@gmail.com");
        spellings.add(name + "@googlemail.com");
        // No minimum interval here, so only the daily count of the inbox can hold the emails back.
        withMailer(
                Map.of("CONFIRM_MIN_INTERVAL_SECONDS", "0"),
                () -> {
                    for (String address : spellings) {
                        assertEquals(
                                202, subscribeJson("{\"email\":\"" + address + "\"}").statusCode());
                    }
                    barrier();
                });
        int mailed = spellings.stream().mapToInt(a -> emailsTo(a).size()).sum();
        assertEquals(3, mailed, "three emails to the one inbox behind " + spellings.size());
        for (String address : spellings) {
            assertEquals("pending", status(address, "daily-briefing"), "every signup recorded");
        }
        // A different inbox is not affected.
        String other = uniqueAddress("other-inbox");
        subscribeJson("{\"email\":\"" + other + "\"}");
        awaitEmail(other);
    }

    @Test
    void formFromAnotherSite_shouldGet403_andWriteNothing() {
        String address = uniqueAddress("foreign-origin");
        var response =
                subscribeForm(
                        "email=" + address.replace("@", "%40") + "&newsletters=daily-briefing",
                        "Origin",
                        "https://evil.example",
                        "Referer",
                        "https://evil.example/free");
        assertEquals(403, response.statusCode());
        assertEquals(
                "application/problem+json; charset=utf-8",
                response.headers().firstValue("content-type").orElseThrow());
        JsonNode problem = Json.parse(response.body());
        assertEquals("urn:newsroom:problem:forbidden-origin", problem.get("type").asText());
        assertTrue(items(address).isEmpty(), "nothing written");
        barrier();
        assertTrue(emailsTo(address).isEmpty(), "nothing sent");

        String ours = uniqueAddress("own-origin");
        var allowed =
                subscribeForm(
                        "email=" + ours.replace("@", "%40"), "Origin", "http://127.0.0.1:3000");
        assertEquals(303, allowed.statusCode());
        String stripped = uniqueAddress("no-origin");
        assertEquals(303, subscribeForm("email=" + stripped.replace("@", "%40")).statusCode());
        assertEquals("pending", status(stripped, "daily-briefing"), "no Origin stays allowed");
    }

    @Test
    void addressWithAStrayDot_shouldGet400_andWriteNothing() {
        String address = ".a" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        var response = subscribeJson("{\"email\":\"" + address + "\"}");
        assertEquals(400, response.statusCode());
        assertEquals(
                "application/problem+json; charset=utf-8",
                response.headers().firstValue("content-type").orElseThrow());
        JsonNode problem = Json.parse(response.body());
        assertEquals("email", problem.get("errors").get(0).get("field").asText());
        assertEquals(
                "Please enter a correct email address",
                problem.get("errors").get(0).get("message").asText());
    }

    @Test
    void ipv6Client_shouldBeLimitedPer64_notPerAddress() {
        // The shared stack allows many signups per client; this handler gets a limit of 2.
        Map<String, String> environment =
                new HashMap<>(stack().functions().get("NewsletterSignupFunction").environment());
        environment.put("SIGNUP_RATE_LIMIT", "2");
        NewsletterSignupHandler handler = new NewsletterSignupHandler(environment);
        String prefix = "2001:db8:" + Integer.toHexString((int) (Math.random() * 0xffff)) + ":7:";
        List<Integer> statuses = new ArrayList<>();
        for (String host : List.of(":1", ":abcd:1", "ffff:ffff:ffff:fffe")) {
            statuses.add(handler.respond(jsonEvent(uniqueAddress("ipv6"), prefix + host)).status());
        }
        assertEquals(List.of(202, 202, 429), statuses, "three interface ids, one /64");
        String nextNetwork = prefix.replace(":7:", ":8:") + ":1";
        assertEquals(202, handler.respond(jsonEvent(uniqueAddress("ipv6"), nextNetwork)).status());
    }

    @Test
    void spentHourlyBudget_shouldHoldConfirmations_countThem_andSendThemLater() throws Exception {
        MetricLines metrics = stack().metricLines();
        String address = uniqueAddress("held");
        long mark = metrics.mark();
        // A budget of 0 holds every send, as a spent budget does until the hour rolls over.
        withMailer(
                Map.of("CONFIRM_BUDGET_PER_HOUR", "0", "CONFIRM_HOLD_PAUSE_SECONDS", "0"),
                () -> {
                    assertEquals(
                            202, subscribeJson("{\"email\":\"" + address + "\"}").statusCode());
                    LocalStackSupport.await(
                            "a ConfirmationsHeld metric line",
                            () ->
                                    metrics.since(mark).stream()
                                            .filter(l -> l.contains("\"ConfirmationsHeld\""))
                                            .findFirst());
                    assertTrue(emailsTo(address).isEmpty(), "held, not sent");
                    Map<String, AttributeValue> request =
                            items(address).stream()
                                    .filter(i -> i.get("sk").s().startsWith("CONFIRM#"))
                                    .findFirst()
                                    .orElseThrow();
                    assertFalse(request.containsKey("sentAt"), "still waiting to be sent");
                });
        // Budget again (the next hour): the held record is retried and sent, not dropped.
        var email = awaitEmail(address);
        assertTrue(email.text().contains("The Daily Briefing"));
        JsonNode held =
                Json.parse(
                        metrics.since(mark).stream()
                                .filter(l -> l.contains("\"ConfirmationsHeld\""))
                                .findFirst()
                                .orElseThrow());
        assertEquals("confirmation-mailer", held.get("Function").asText());
        assertFalse(
                metrics.since(mark).stream().anyMatch(l -> l.contains(address)),
                "no address in the metrics");
    }

    private static APIGatewayV2HTTPEvent jsonEvent(String address, String sourceIp) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("POST /subscriptions")
                .withRawPath("/subscriptions")
                .withHeaders(new HashMap<>(Map.of("content-type", "application/json")))
                .withBody("{\"email\":\"" + address + "\"}")
                .withIsBase64Encoded(false)
                .withRequestContext(
                        APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withHttp(
                                        APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                                .withMethod("POST")
                                                .withPath("/subscriptions")
                                                .withSourceIp(sourceIp)
                                                .build())
                                .withRequestId("it-" + System.nanoTime())
                                .build())
                .build();
    }
}

package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.local.it.NewsletterSupport.*;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.newsletters.signup.NewsletterSignupHandler;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** POST /subscriptions and GET /newsletters over HTTP against the local stack. */
class NewsletterSignupIT {

    /** Locally the thank-you page is the outbox, where the confirmation email can be opened. */
    private static final String THANK_YOU = "http://127.0.0.1:3000/_local/outbox";

    private static final String ACCEPTED =
            "{\"status\":\"pending\",\"message\":\"Check your inbox to confirm your subscription.\"}";

    @Test
    void listNewsletters_shouldServeTheCatalogue_withEtagAnd304() {
        stack();
        var response = LocalStackSupport.get("/newsletters");
        assertEquals(200, response.statusCode());
        assertEquals(
                "application/json; charset=utf-8",
                response.headers().firstValue("content-type").orElseThrow());
        JsonNode items = Json.parse(response.body()).get("items");
        assertEquals("daily-briefing", items.get(0).get("id").asText());
        assertTrue(items.get(0).get("default").asBoolean());
        String etag = response.headers().firstValue("etag").orElseThrow();
        var again = LocalStackSupport.get("/newsletters", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertTrue(again.body().isEmpty());
    }

    @Test
    void subscribe_shouldStorePendingWithConsent_andSendOneConfirmationWithOneClickHeaders() {
        String address = uniqueAddress("new");
        var response =
                subscribeJson(
                        "{\"email\":\"  "
                                + address.toUpperCase()
                                + " \",\"newsletters\":[\"daily-briefing\",\"climate-explained\"]}");
        assertEquals(202, response.statusCode());
        assertEquals(
                "application/json; charset=utf-8",
                response.headers().firstValue("content-type").orElseThrow());
        assertEquals(ACCEPTED, response.body());
        Map<String, AttributeValue> record = subscription(address, "daily-briefing").orElseThrow();
        assertEquals("pending", record.get("status").s());
        assertEquals(address, record.get("address").s(), "stored normalised");
        assertEquals("api", record.get("consentSource").s());
        assertTrue(record.containsKey("expiresAt"), "never-confirmed signups expire");
        assertFalse(record.toString().contains("127.0.0.1"), "no IP address is stored");
        assertEquals("pending", status(address, "climate-explained"));
        var email = awaitEmail(address);
        assertEquals("List-Unsubscribe=One-Click", email.header("List-Unsubscribe-Post"));
        assertTrue(
                email.header("List-Unsubscribe").startsWith("<https://")
                        || email.header("List-Unsubscribe").startsWith("<http://"));
        assertTrue(
                email.text().contains("The Daily Briefing")
                        && email.text().contains("Climate, Explained"),
                "one email for both");
        assertTrue(email.html().contains("Unsubscribe</a>"), "visible unsubscribe link");
        assertTrue(email.from().contains("newsletters@newsroom.example"));
        assertEquals(1, emailsTo(address).size());
    }

    @Test
    void subscribe_shouldUseTheDefaultNewsletters_whenNoneAreGiven() {
        String address = uniqueAddress("defaults");
        assertEquals(202, subscribeJson("{\"email\":\"" + address + "\"}").statusCode());
        assertEquals("pending", status(address, "daily-briefing"));
        assertEquals("pending", status(address, "members-letter"));
        assertEquals("none", status(address, "climate-explained"));
    }

    @Test
    void subscribe_shouldRedirectAFormToTheThankYouPage_withRepeatedNewsletters() {
        String address = uniqueAddress("form");
        var response =
                subscribeForm(
                        "email="
                                + enc(address)
                                + "&newsletters=city-hall&newsletters=climate-explained&website=",
                        "Referer",
                        "http://localhost:8080/newsletters.html?from=home");
        assertEquals(303, response.statusCode());
        assertEquals(
                "text/plain; charset=utf-8",
                response.headers().firstValue("content-type").orElseThrow());
        assertEquals(THANK_YOU, response.headers().firstValue("location").orElseThrow());
        Map<String, AttributeValue> record = subscription(address, "city-hall").orElseThrow();
        assertEquals("form", record.get("consentSource").s());
        assertEquals("http://localhost:8080/newsletters.html", record.get("consentPage").s());
        assertEquals("pending", status(address, "climate-explained"));
    }

    @Test
    void subscribe_shouldNotRevealExistingAddress_andNeverDowngrade_whenConfirmed() {
        String address = uniqueAddress("confirmed");
        subscribeJson("{\"email\":\"" + address + "\",\"newsletters\":[\"daily-briefing\"]}");
        var email = awaitEmail(address);
        String token = confirmPath(email).substring(confirmPath(email).indexOf("token=") + 6);
        var confirmed =
                LocalStackSupport.post(
                        "/subscriptions/confirm",
                        "application/x-www-form-urlencoded",
                        "token=" + token,
                        "Accept",
                        "application/json");
        assertEquals(200, confirmed.statusCode());
        assertEquals("confirmed", status(address, "daily-briefing"));

        var again =
                subscribeJson(
                        "{\"email\":\"" + address + "\",\"newsletters\":[\"daily-briefing\"]}");
        assertEquals(202, again.statusCode());
        assertEquals(
                "application/json; charset=utf-8",
                again.headers().firstValue("content-type").orElseThrow());
        assertEquals(ACCEPTED, again.body());
        assertEquals("confirmed", status(address, "daily-briefing"));
        assertFalse(subscription(address, "daily-briefing").orElseThrow().containsKey("expiresAt"));
        // The signup does the same work as for a new address; the mailer finds nothing to confirm.
        assertEquals(2, confirmationRequests(address));
        barrier();
        assertEquals(1, emailsTo(address).size(), "nothing new to confirm, nothing sent");
    }

    @Test
    void subscribe_shouldAnswerTheSame_andSendNothing_whenSuppressed() {
        String address = uniqueAddress("suppressed");
        NewsletterBounceSupport.bounce(address, "Permanent");
        var response = subscribeJson("{\"email\":\"" + address + "\"}");
        assertEquals(202, response.statusCode());
        assertEquals(ACCEPTED, response.body());
        // The same writes as for any address (so timing tells nothing); the mailer sends nothing.
        assertEquals(1, confirmationRequests(address));
        barrier();
        assertTrue(emailsTo(address).isEmpty());
        assertTrue(
                items(address).stream().anyMatch(i -> i.get("sk").s().equals("SUPPRESSED")),
                "still suppressed");
    }

    @Test
    void subscribe_shouldCapConfirmationEmails_atOnePerTenMinutes() {
        String address = uniqueAddress("cap");
        for (int i = 0; i < 4; i++) {
            assertEquals(202, subscribeJson("{\"email\":\"" + address + "\"}").statusCode());
        }
        assertEquals(4, confirmationRequests(address), "every signup is recorded the same way");
        barrier();
        assertEquals(1, emailsTo(address).size(), "the cap sends one");
    }

    @Test
    void subscribe_shouldAnswerAsUsualButDoNothing_whenTheHoneypotIsFilled() {
        String address = uniqueAddress("honeypot");
        var form =
                subscribeForm("email=" + enc(address) + "&website=" + enc("http://spam.example"));
        assertEquals(303, form.statusCode());
        assertEquals(THANK_YOU, form.headers().firstValue("location").orElseThrow());
        var json = subscribeJson("{\"email\":\"" + address + "\",\"website\":\"x\"}");
        assertEquals(202, json.statusCode());
        assertEquals(ACCEPTED, json.body());
        assertTrue(items(address).isEmpty());
        barrier();
        assertTrue(emailsTo(address).isEmpty());
    }

    @Test
    void subscribe_shouldRejectEveryBadInput_with400_writingAndSendingNothing() {
        String address = uniqueAddress("bad");
        String local = address.substring(0, address.indexOf('@'));
        List<String> bodies =
                List.of(
                        "{\"email\":\"Reader <" + address + ">\"}",
                        "{\"email\":\"" + address + ", other@example.org\"}",
                        "{\"email\":\"" + address + "\\r\\nBcc: victim@example.org\"}",
                        "{\"email\":\"" + local + "@localhost\"}",
                        "{\"email\":\"" + "a".repeat(250) + address + "\"}",
                        "{\"email\":42}",
                        "{}",
                        "{\"email\":\"" + address + "\",\"newsletters\":[\"no-such-newsletter\"]}",
                        "{\"email\":\"" + address + "\",\"newsletters\":\"daily-briefing\"}",
                        "{\"email\":\"" + address + "\",\"newsletters\":[1]}",
                        "[\"" + address + "\"]",
                        "{\"email\": ");
        for (String body : bodies) {
            var response = subscribeJson(body);
            assertEquals(400, response.statusCode(), body);
            assertEquals(
                    "application/problem+json; charset=utf-8",
                    response.headers().firstValue("content-type").orElseThrow(),
                    body);
            assertFalse(response.body().contains(address), "input is not echoed: " + body);
        }
        var problem = Json.parse(subscribeJson(bodies.get(0)).body());
        assertEquals("email", problem.get("errors").get(0).get("field").asText());
        assertEquals(
                "Please enter a correct email address",
                problem.get("errors").get(0).get("message").asText());
        var unsupported = LocalStackSupport.post("/subscriptions", "text/plain", address);
        assertEquals(415, unsupported.statusCode());
        assertEquals(
                "application/problem+json; charset=utf-8",
                unsupported.headers().firstValue("content-type").orElseThrow());
        var tooLarge =
                subscribeJson(
                        "{\"email\":\"" + address + "\",\"pad\":\"" + "x".repeat(20_000) + "\"}");
        assertEquals(413, tooLarge.statusCode());
        assertTrue(items(address).isEmpty());
        barrier();
        assertTrue(emailsTo(address).isEmpty());
    }

    @Test
    void subscribe_shouldSendAFormBackToItsPage_withTheErrorCode() {
        String address = uniqueAddress("formbad");
        var allowed =
                subscribeForm(
                        "email=" + enc("Reader <" + address + ">") + "&website=",
                        "Referer",
                        "http://localhost:8080/newsletters.html?x=1#top");
        assertEquals(303, allowed.statusCode());
        assertEquals(
                "text/plain; charset=utf-8",
                allowed.headers().firstValue("content-type").orElseThrow());
        assertEquals(
                "http://localhost:8080/newsletters.html?signup_error=invalid_email#signup",
                allowed.headers().firstValue("location").orElseThrow());
        var foreign =
                subscribeForm(
                        "email=" + enc(address) + "&newsletters=nope",
                        "Referer",
                        "https://evil.example/form");
        assertEquals(303, foreign.statusCode());
        assertEquals(
                "http://127.0.0.1:3000/?signup_error=unknown_newsletter#signup",
                foreign.headers().firstValue("location").orElseThrow());
        assertTrue(items(address).isEmpty());
    }

    @Test
    void subscribe_shouldAnswer429_whenOneClientSignsUpTooOften() {
        // The shared stack allows many signups per client (the tests all come from 127.0.0.1);
        // this handler gets the template's environment with a limit of 2.
        Map<String, String> environment =
                new HashMap<>(stack().functions().get("NewsletterSignupFunction").environment());
        environment.put("SIGNUP_RATE_LIMIT", "2");
        NewsletterSignupHandler handler = new NewsletterSignupHandler(environment);
        String client = "198.51.100." + (int) (Math.random() * 250);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse response =
                    handler.respond(
                            jsonEvent("{\"email\":\"" + uniqueAddress("rate") + "\"}", client));
            statuses.add(response.status());
            if (response.status() == 429) {
                assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
                assertEquals(
                        "urn:newsroom:problem:too-many-requests",
                        Json.parse(response.body()).get("type").asText());
            }
        }
        assertEquals(List.of(202, 202, 429), statuses);
        String limited = uniqueAddress("limited");
        assertEquals(
                429,
                handler.respond(jsonEvent("{\"email\":\"" + limited + "\"}", client)).status());
        assertTrue(items(limited).isEmpty());
    }

    @Test
    void subscribe_shouldRefuseABlockedDomain() {
        Map<String, String> environment =
                new HashMap<>(stack().functions().get("NewsletterSignupFunction").environment());
        environment.put("BLOCKED_DOMAINS", "mailinator.example, example.org");
        NewsletterSignupHandler handler = new NewsletterSignupHandler(environment);
        String address = uniqueAddress("blocked");
        HttpResponse response =
                handler.respond(jsonEvent("{\"email\":\"" + address + "\"}", "192.0.2.1"));
        assertEquals(400, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        assertTrue(items(address).isEmpty());
    }

    @Test
    void
            subscribe_shouldKeepExactlyOnePendingRecordPerNewsletter_andRespectTheCap_under200ConcurrentSignups()
                    throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            addresses.add(uniqueAddress("burst" + i));
        }
        // moto serialises requests, so a few threads already create all the contention there is.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String address = addresses.get(i % 50);
            results.add(
                    pool.submit(
                            () ->
                                    subscribeJson(
                                                    "{\"email\":\""
                                                            + address
                                                            + "\",\"newsletters\":[\"daily-briefing\",\"climate-explained\"]}")
                                            .statusCode()));
        }
        for (Future<Integer> result : results) {
            assertEquals(202, result.get());
        }
        pool.shutdown();
        for (String newsletter : List.of("daily-briefing", "climate-explained")) {
            long pending =
                    addresses.stream().filter(a -> status(a, newsletter).equals("pending")).count();
            assertEquals(50, pending, newsletter);
        }
        long records =
                addresses.stream()
                        .mapToLong(
                                a ->
                                        items(a).stream()
                                                .filter(i -> i.get("sk").s().startsWith("NL#"))
                                                .count())
                        .sum();
        assertEquals(100, records);
        for (String address : addresses) {
            assertEquals(4, confirmationRequests(address), "each signup recorded once");
        }
        barrier();
        for (String address : addresses) {
            assertEquals(1, emailsTo(address).size(), "the cap allows one email per 10 minutes");
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static APIGatewayV2HTTPEvent jsonEvent(String body, String sourceIp) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("POST /subscriptions")
                .withRawPath("/subscriptions")
                .withHeaders(new HashMap<>(Map.of("content-type", "application/json")))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(
                        APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withRequestId("it-" + System.nanoTime())
                                .withHttp(
                                        APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                                .withMethod("POST")
                                                .withPath("/subscriptions")
                                                .withSourceIp(sourceIp)
                                                .build())
                                .build())
                .build();
    }
}

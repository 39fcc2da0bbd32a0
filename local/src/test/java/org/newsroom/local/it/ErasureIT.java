package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.newsroom.local.it.NewsletterSupport.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.newsroom.core.config.Config;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.local.Outbox;
import org.newsroom.memberships.ImportMembers;
import org.newsroom.subscriptions.Consent;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.LimitItems;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.TokenKeyRing;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A reader's erasure and copy of their data over HTTP: the unsubscribe link only asks, an emailed
 * one-hour link acts, and a complaining address stays suppressed after erasure.
 */
class ErasureIT {

    private static final String HTML = "text/html; charset=utf-8";
    private static final Pattern ERASE_LINK =
            Pattern.compile("https?://[^/\\s]+(/subscriptions/erase\\?token=[A-Za-z0-9._%-]+)");
    private static final Pattern EXPORT_LINK =
            Pattern.compile("https?://[^/\\s]+(/subscriptions/export\\?token=[A-Za-z0-9._%-]+)");

    /**
     * A reader who confirmed the daily briefing long ago (so no send cap is in use), and the
     * unsubscribe token of their emails, signed with the stack's own key ring.
     */
    private static String longTimeReader(String address) {
        EmailAddress parsed = EmailAddress.parse(address).orElseThrow();
        DynamoDbSubscriptionRepository repository =
                new DynamoDbSubscriptionRepository(
                        stack().dynamo(), stack().physicalId("SubscriptionsTable"));
        Instant then = Instant.now().minus(Duration.ofDays(90));
        String id = NewsletterSupport.addressKeys().id(parsed);
        repository.requestPending(
                id,
                parsed,
                "daily-briefing",
                new Consent("form", "https://www.example.org/newsletters", then),
                then,
                then.plus(Duration.ofDays(7)));
        repository.confirm(id, "daily-briefing", then);
        return tokens().issue(LinkToken.Purpose.UNSUBSCRIBE, id, List.of("daily-briefing"), then);
    }

    private static LinkTokens tokens() {
        return new LinkTokens(
                TokenKeyRing.parseSecret(stack().secretValue("TokenKeySecret")),
                Duration.ofHours(48));
    }

    private static HttpResponse<String> browserPost(String path, String form) {
        return LocalStackSupport.post(
                path, "application/x-www-form-urlencoded", form, "Accept", "text/html");
    }

    /** Asks for a link from the unsubscribe page and returns its path and query from the email. */
    private static String emailedLink(String address, String unsubscribe, String kind) {
        int before = emailsTo(address).size();
        HttpResponse<String> asked =
                browserPost("/unsubscribe", "token=" + unsubscribe + "&request=" + kind);
        assertEquals(200, asked.statusCode());
        assertEquals(HTML, asked.headers().firstValue("content-type").orElseThrow());
        assertTrue(asked.body().contains("Check your inbox"));
        Outbox.Email email =
                LocalStackSupport.await(
                        "the " + kind + " link email",
                        () -> emailsTo(address).stream().skip(before).findFirst());
        Matcher m = (kind.equals("erase") ? ERASE_LINK : EXPORT_LINK).matcher(email.text());
        if (!m.find()) {
            fail("No " + kind + " link in the email");
        }
        return m.group(1);
    }

    private static String token(String pathAndQuery) {
        return java.net.URLDecoder.decode(
                pathAndQuery.substring(pathAndQuery.indexOf("token=") + 6),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The inbox's send-cap item (keyed on the mailbox id, as the mailer and links take it). */
    private static Map<String, AttributeValue> sendCap(String address) {
        String mailboxId =
                NewsletterSupport.addressKeys()
                        .mailboxId(EmailAddress.parse(address).orElseThrow());
        return stack().dynamo()
                .getItem(
                        b ->
                                b.tableName(stack().physicalId("SignupLimitsTable"))
                                        .key(LimitItems.sendCapKey(mailboxId))
                                        .consistentRead(true))
                .item();
    }

    @Test
    void erase_shouldNeedTheEmailedToken_andRefuseTheUnsubscribeToken() {
        String address = uniqueAddress("erase");
        String unsubscribe = longTimeReader(address);

        HttpResponse<String> refused =
                browserPost("/unsubscribe", "token=" + unsubscribe + "&action=erase");
        assertEquals(400, refused.statusCode());
        assertEquals(HTML, refused.headers().firstValue("content-type").orElseThrow());
        HttpResponse<String> refusedToo =
                browserPost("/subscriptions/erase", "token=" + unsubscribe);
        assertEquals(400, refusedToo.statusCode());
        assertEquals("confirmed", status(address, "daily-briefing"), "nothing erased");

        String link = emailedLink(address, unsubscribe, "erase");
        HttpResponse<String> page = LocalStackSupport.get(link, "Accept", "text/html");
        assertEquals(200, page.statusCode());
        assertEquals(HTML, page.headers().firstValue("content-type").orElseThrow());
        assertEquals("confirmed", status(address, "daily-briefing"), "a GET changes nothing");

        // Sending the erase link took one send of the inbox's cap: it exists until the erasure.
        assertFalse(sendCap(address).isEmpty(), "the erase link email took the inbox's cap");

        HttpResponse<String> erased = browserPost("/subscriptions/erase", "token=" + token(link));
        assertEquals(200, erased.statusCode());
        assertEquals(HTML, erased.headers().firstValue("content-type").orElseThrow());
        assertTrue(erased.body().contains("Your data has been deleted"));
        assertTrue(items(address).isEmpty());
        assertTrue(sendCap(address).isEmpty(), "the inbox's send cap is forgotten too");
    }

    @Test
    void requestLink_shouldRespectTheSendCap_andAnswerTheSame() {
        String address = uniqueAddress("capped");
        assertEquals(
                202,
                subscribeJson("{\"email\":\"" + address + "\",\"newsletters\":[\"city-hall\"]}")
                        .statusCode());
        Outbox.Email confirmation = awaitEmail(address);
        String unsubscribe = token(unsubscribePath(confirmation));

        HttpResponse<String> asked =
                browserPost("/unsubscribe", "token=" + unsubscribe + "&request=erase");
        assertEquals(200, asked.statusCode());
        assertEquals(HTML, asked.headers().firstValue("content-type").orElseThrow());
        assertTrue(asked.body().contains("Check your inbox"));
        barrier();
        assertEquals(
                1,
                emailsTo(address).size(),
                "the confirmation just sent holds the cap: no second email");
        assertEquals("pending", status(address, "city-hall"), "asking unsubscribes nothing");
    }

    @Test
    void erase_shouldKeepAComplainingAddressSuppressed() {
        String address = uniqueAddress("complained");
        String unsubscribe = longTimeReader(address);
        NewsletterBounceSupport.complaint(address);
        assertEquals("suppressed", status(address, "daily-briefing"));

        String link = emailedLink(address, unsubscribe, "erase");
        assertEquals(200, browserPost("/subscriptions/erase", "token=" + token(link)).statusCode());

        List<Map<String, AttributeValue>> left = items(address);
        assertEquals(1, left.size(), "only the suppression marker is left");
        assertEquals(
                Map.of(
                        "pk", AttributeValue.fromS(addressId(address)),
                        "sk", AttributeValue.fromS("SUPPRESSED")),
                left.get(0),
                "the marker holds nothing but its key");

        int sent = emailsTo(address).size();
        assertEquals(
                202,
                subscribeJson("{\"email\":\"" + address + "\",\"newsletters\":[\"city-hall\"]}")
                        .statusCode());
        barrier();
        assertEquals(sent, emailsTo(address).size(), "no confirmation email after erasure");
        // The signup does the same store work for every address (so timing reveals nobody); what
        // keeps the address unmailed is the marker, still there as it was.
        assertTrue(
                items(address)
                        .contains(
                                Map.of(
                                        "pk", AttributeValue.fromS(addressId(address)),
                                        "sk", AttributeValue.fromS("SUPPRESSED"))),
                "the key-only suppression marker is still there");
    }

    @Test
    void export_shouldShowTheData_onlyThroughTheEmailedLink() throws IOException {
        String address = uniqueAddress("export");
        String unsubscribe = longTimeReader(address);
        ImportMembers.run(
                Config.from(stack().functions().get("StripeWebhookFunction").environment()),
                stack().dynamo(),
                new BufferedReader(
                        new StringReader(
                                "email,plan,start_date\n" + address + ",yearly,2025-03-01\n")));

        HttpResponse<String> withUnsubscribe =
                LocalStackSupport.get("/subscriptions/export?token=" + unsubscribe);
        assertEquals(400, withUnsubscribe.statusCode());
        assertFalse(withUnsubscribe.body().contains(address));

        String link = emailedLink(address, unsubscribe, "export");
        // A gift the reader bought for a friend (after the link email, so the gift's receipt
        // cannot be taken for it).
        String giftId = StripeEvents.unique("pi");
        String friend = uniqueAddress("friend");
        assertEquals(
                200,
                StripeEvents.deliver(
                                StripeEvents.checkoutGift(
                                        StripeEvents.unique("evt"), giftId, address, friend))
                        .statusCode());
        HttpResponse<String> export = LocalStackSupport.get(link);
        assertEquals(200, export.statusCode());
        assertEquals(
                "application/json; charset=utf-8",
                export.headers().firstValue("content-type").orElseThrow());
        JsonNode doc = Json.parse(export.body());
        assertEquals(address, doc.get("email").asText());
        JsonNode subscription = doc.get("subscriptions").get(0);
        assertEquals("daily-briefing", subscription.get("newsletter").asText());
        assertEquals("confirmed", subscription.get("status").asText());
        assertEquals("form", subscription.get("consent").get("source").asText());
        assertEquals("yearly", doc.get("memberships").get(0).get("plan").asText());
        JsonNode gift = doc.get("gifts").get(0);
        assertEquals(1, doc.get("gifts").size());
        assertEquals("buyer", gift.get("roles").get(0).asText());
        assertEquals(giftId, gift.get("giftId").asText());
        assertEquals("Sam", gift.get("recipientName").asText());
        assertFalse(
                export.body().contains(friend), "the friend's address is not the reader's data");
        assertEquals("confirmed", status(address, "daily-briefing"), "exporting changes nothing");

        String erase =
                tokens().issue(
                                LinkToken.Purpose.ERASE,
                                addressId(address),
                                List.of(),
                                Instant.now());
        assertEquals(
                400,
                LocalStackSupport.get("/subscriptions/export?token=" + erase).statusCode(),
                "an erase token cannot export");
    }
}

package org.newsroom.newsletters.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.newsroom.core.config.Config;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.mail.Email;
import org.newsroom.mail.MailException;
import org.newsroom.memberships.DynamoDbMemberLookup;
import org.newsroom.memberships.Gift;
import org.newsroom.memberships.GiftAddress;
import org.newsroom.memberships.Member;
import org.newsroom.subscriptions.Consent;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.ReaderRecords;
import org.newsroom.subscriptions.SendCap;
import org.newsroom.subscriptions.Subscription;
import org.newsroom.subscriptions.SubscriptionRepository;
import org.newsroom.subscriptions.SubscriptionStatus;
import org.newsroom.subscriptions.TokenKeyRing;

@ExtendWith(MockitoExtension.class)
class SubscriptionLinksHandlerTest {

    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();

    /** The key in local/parameters.json, which signed the tokens of the events/ files. */
    private static final String LOCAL_KEYS =
            "{\"current\":\"local1\",\"local1\":\"local-only-key-never-use-in-production-0123456789\"}";

    private static final Instant ISSUED = Instant.parse("2026-11-26T09:30:00Z");

    /**
     * The address id the events/ files' tokens carry: opaque to this function, which never makes
     * one.
     */
    private static final String ADDRESS_ID = "MqnFr9FFGN3jdfXTYUANL4jYoc8Jn1fur2rRXmv907g";

    private static final EmailAddress READER =
            EmailAddress.parse("reader@example.org").orElseThrow();
    private static final AddressKeys KEYS =
            new AddressKeys(Pepper.of("links-test-pepper-0123456789abcdefghijkl"));
    private static final LinkTokens TOKENS =
            new LinkTokens(TokenKeyRing.parse("TOKEN_KEYS", LOCAL_KEYS), Duration.ofHours(48));

    @Mock SubscriptionRepository repository;
    @Mock SubscriptionLinks.Eraser eraser;
    @Mock SendCap sendCap;

    /** The emails the function handed over for sending. */
    private final List<Email> sent = new ArrayList<>();

    private SubscriptionLinksHandler handler(Instant now, Optional<URI> confirmedUrl) {
        return new SubscriptionLinksHandler(
                new SubscriptionLinks(
                        repository,
                        eraser,
                        new DataLinks(
                                repository,
                                sendCap,
                                SendCap.Rules.DEFAULT,
                                KEYS,
                                TOKENS,
                                sent::add,
                                "The Ledger <newsletters@example.org>",
                                "The Ledger",
                                Optional.empty()),
                        new DataExport(
                                DataExport.Memberships.of(
                                        email ->
                                                email.equals(READER.value())
                                                        ? new DynamoDbMemberLookup.AddressRecords(
                                                                List.of(MEMBER),
                                                                List.of(BOUGHT, RECEIVED))
                                                        : NOTHING))),
                TOKENS,
                () ->
                        List.of(
                                new Newsletter(
                                        "daily-briefing", "The <Daily> Briefing", "", "", true, 1)),
                settings(confirmedUrl.map(URI::toString).orElse("")),
                Clock.fixed(now, ZoneOffset.UTC),
                new Log(
                        "subscription-links",
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)),
                new Metrics(
                        "subscription-links",
                        new PrintStream(metricLines, true, StandardCharsets.UTF_8),
                        Clock.fixed(now, ZoneOffset.UTC)));
    }

    static SubscriptionLinksSettings settings(String confirmedUrl) {
        Map<String, String> environment = new java.util.HashMap<>();
        environment.put("SUBSCRIPTIONS_TABLE", "subscriptions");
        environment.put("NEWSLETTERS_TABLE", "newsletters");
        environment.put("LIMITS_TABLE", "limits");
        environment.put("PUBLISHER_NAME", "The Ledger");
        environment.put("SIGNUP_PAGE_URL", "https://www.example.org/newsletters");
        environment.put("CONFIRMED_URL", confirmedUrl);
        environment.put("TOKEN_KEYS_SECRET_ID", "newsroom/token-keys");
        environment.put("MEMBERSHIPS_TABLE", "memberships");
        environment.put("SENDER_ADDRESS", "newsletters@example.org");
        environment.put("CONFIGURATION_SET", "newsroom");
        environment.put("PEPPER_SECRET_ID", "newsroom/pepper");
        return SubscriptionLinksSettings.from(Config.from(environment));
    }

    private SubscriptionLinksHandler handler() {
        return handler(ISSUED.plusSeconds(600), Optional.empty());
    }

    private static APIGatewayV2HTTPEvent event(String name) {
        return EventLoader.loadApiGatewayHttpEvent("../../events/subscription-links/" + name);
    }

    @Test
    void showConfirm_shouldShowAButton_andChangeNothing() {
        HttpResponse response = handler().respond(event("show-confirm-page.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(
                response.body()
                        .contains("<form method=\"post\" action=\"/subscriptions/confirm\">"));
        assertTrue(response.body().contains("The &lt;Daily&gt; Briefing"), "names are escaped");
        verifyNoInteractions(repository, eraser);
        assertEquals(List.of(), counted());
    }

    @Test
    void confirm_shouldConfirmAndShowSuccess_whenTheButtonIsPressed() {
        when(repository.confirm(ADDRESS_ID, "daily-briefing", ISSUED.plusSeconds(600)))
                .thenReturn(true);
        HttpResponse response = handler().respond(event("confirm-button.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(response.body().contains("You are subscribed"));
        assertEquals(List.of("Confirmations"), counted());
    }

    @Test
    void confirm_shouldRedirectToTheConfiguredPage_whenOneIsSet() {
        when(repository.confirm(anyString(), anyString(), any())).thenReturn(true);
        HttpResponse response =
                handler(
                                ISSUED.plusSeconds(600),
                                Optional.of(URI.create("https://www.example.org/welcome")))
                        .respond(event("confirm-button.json"));
        assertEquals(303, response.status());
        assertEquals(HttpResponse.TEXT, response.header("content-type"));
        assertEquals("https://www.example.org/welcome", response.header("location"));
    }

    @Test
    void confirm_shouldShowAFriendlyExpiredPage_after48Hours() {
        HttpResponse response =
                handler(ISSUED.plus(Duration.ofHours(49)), Optional.empty())
                        .respond(event("confirm-button.json"));
        assertEquals(400, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(response.body().contains("This link has expired"));
        verifyNoInteractions(repository);
        assertEquals(List.of(), counted());
    }

    @Test
    void showConfirm_shouldShowA400Page_forATamperedToken() {
        HttpResponse response = handler().respond(event("confirm-tampered-token.json"));
        assertEquals(400, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(response.body().contains("This link does not work"));
        verifyNoInteractions(repository);
    }

    @Test
    void showConfirm_shouldAnswerProblemJson_forAJsonClientWithATamperedToken() {
        APIGatewayV2HTTPEvent event = event("confirm-tampered-token.json");
        event.getHeaders().put("accept", "application/json");
        HttpResponse response = handler().respond(event);
        assertEquals(400, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        assertEquals(
                "urn:newsroom:problem:invalid-link",
                Json.parse(response.body()).get("type").asText());
    }

    @Test
    void showUnsubscribe_shouldOfferToUnsubscribe_andToEmailAnExportOrEraseLink() {
        HttpResponse response = handler().respond(event("show-unsubscribe-page.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(response.body().contains("Unsubscribe from all newsletters"));
        assertTrue(response.body().contains("name=\"scope\" value=\"all\""));
        assertTrue(response.body().contains("name=\"request\" value=\"export\""));
        assertTrue(response.body().contains("name=\"request\" value=\"erase\""));
        assertFalse(
                response.body().contains("name=\"action\" value=\"erase\""),
                "an unsubscribe link must not offer to erase at once");
        assertEquals("no-referrer", response.header("referrer-policy"));
        verifyNoInteractions(repository, eraser);
    }

    @Test
    void oneClick_shouldUnsubscribeAt200_withoutRedirectOrCookie_forAnUrlencodedPost() {
        when(repository.unsubscribe(eq(ADDRESS_ID), eq("daily-briefing"), any())).thenReturn(true);
        HttpResponse response = handler().respond(event("one-click-unsubscribe.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertNull(response.header("location"));
        assertTrue(response.cookies().isEmpty());
        verify(repository).unsubscribe(eq(ADDRESS_ID), eq("daily-briefing"), any());
        assertEquals(List.of("Unsubscribes/one-click"), counted());
    }

    @Test
    void oneClick_shouldUnsubscribe_forAMultipartPost() {
        when(repository.unsubscribe(eq(ADDRESS_ID), eq("daily-briefing"), any())).thenReturn(true);
        HttpResponse response = handler().respond(event("one-click-unsubscribe-multipart.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertNull(response.header("location"));
        assertTrue(response.cookies().isEmpty());
        verify(repository).unsubscribe(eq(ADDRESS_ID), eq("daily-briefing"), any());
    }

    @Test
    void unsubscribe_shouldWorkYearsLater_becauseUnsubscribeLinksDoNotExpire() {
        when(repository.unsubscribe(anyString(), anyString(), any())).thenReturn(true);
        HttpResponse response =
                handler(ISSUED.plus(Duration.ofDays(3000)), Optional.empty())
                        .respond(event("one-click-unsubscribe.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
    }

    @Test
    void unsubscribe_shouldCountAPageUnsubscribe_apartFromOneClick() {
        APIGatewayV2HTTPEvent event = event("erase-with-unsubscribe-token.json");
        String form =
                new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8);
        event.setBody(form.replace("&action=erase", ""));
        event.setIsBase64Encoded(false);
        when(repository.unsubscribe(eq(ADDRESS_ID), eq("daily-briefing"), any())).thenReturn(true);
        HttpResponse response = handler().respond(event);
        assertEquals(200, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertEquals(List.of("Unsubscribes/page"), counted());
    }

    // --- Erasure and export: the unsubscribe link only asks; the emailed links act. ---

    private static final Member MEMBER =
            Member.builder(
                            "import-1",
                            Member.Status.ACTIVE,
                            "monthly",
                            Member.Source.IMPORT,
                            ISSUED)
                    .email("reader@example.org")
                    .startedAt(ISSUED)
                    .build();

    private static final DynamoDbMemberLookup.AddressRecords NOTHING =
            new DynamoDbMemberLookup.AddressRecords(List.of(), List.of());

    /** A gift the reader bought for a friend. */
    private static final GiftAddress BOUGHT =
            new GiftAddress(
                    Gift.builder("pi_bought", Gift.State.ISSUED, ISSUED)
                            .buyerEmail("reader@example.org")
                            .recipientEmail("friend@example.org")
                            .recipientName("Grace")
                            .message("Happy birthday")
                            .purchasedAt(ISSUED)
                            .build(),
                    List.of(GiftAddress.Role.BUYER));

    /** A gift someone else bought for the reader. */
    private static final GiftAddress RECEIVED =
            new GiftAddress(
                    Gift.builder("pi_received", Gift.State.PAID, ISSUED)
                            .buyerEmail("giver@example.org")
                            .recipientEmail("reader@example.org")
                            .purchasedAt(ISSUED)
                            .build(),
                    List.of(GiftAddress.Role.RECIPIENT));

    private void givenStoredRecords() {
        when(repository.findRecords(ADDRESS_ID))
                .thenReturn(
                        new ReaderRecords(
                                ADDRESS_ID,
                                List.of(
                                        new Subscription(
                                                ADDRESS_ID,
                                                READER.value(),
                                                "daily-briefing",
                                                SubscriptionStatus.CONFIRMED,
                                                ISSUED,
                                                ISSUED,
                                                Optional.of(ISSUED),
                                                new Consent(
                                                        "form",
                                                        "https://www.example.org/newsletters",
                                                        ISSUED))),
                                List.of(),
                                Optional.empty()));
    }

    @Test
    void unsubscribe_shouldRefuseToErase_withAnUnsubscribeToken() {
        HttpResponse response = handler().respond(event("erase-with-unsubscribe-token.json"));
        assertEquals(400, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(response.body().contains("Email me a link to delete my data"));
        verifyNoInteractions(repository, eraser, sendCap);
        assertEquals(List.of(), sent);
        assertEquals(List.of(), counted());
    }

    @Test
    void unsubscribe_shouldAnswerProblemJson_whenAJsonClientTriesToEraseWithIt() {
        APIGatewayV2HTTPEvent event = event("erase-with-unsubscribe-token.json");
        event.getHeaders().put("accept", "application/json");
        HttpResponse response = handler().respond(event);
        assertEquals(400, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        assertEquals(
                "urn:newsroom:problem:erase-needs-emailed-link",
                Json.parse(response.body()).get("type").asText());
        verifyNoInteractions(repository, eraser);
    }

    @Test
    void requestEraseLink_shouldEmailAnEraseLinkToTheAddress_underTheSendCap() {
        givenStoredRecords();
        when(sendCap.tryAcquire(
                        eq(KEYS.mailboxId(READER)),
                        anyString(),
                        eq(SendCap.Rules.DEFAULT),
                        eq(ISSUED.plusSeconds(600))))
                .thenReturn(true);
        HttpResponse response = handler().respond(event("request-erase-link.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(response.body().contains("Check your inbox"));
        assertEquals(1, sent.size());
        Email email = sent.get(0);
        assertEquals("reader@example.org", email.to());
        String link = link(email.text(), "https://api.example.org/subscriptions/erase?token=");
        LinkToken token =
                TOKENS.verify(link, LinkToken.Purpose.ERASE, ISSUED.plusSeconds(600 + 3599));
        assertEquals(ADDRESS_ID, token.addressId());
        assertTrue(email.html().contains(link));
        verify(repository, never()).erase(anyString());
        verifyNoInteractions(eraser);
    }

    @Test
    void requestExportLink_shouldEmailAnExportLink() {
        givenStoredRecords();
        when(sendCap.tryAcquire(anyString(), anyString(), any(), any())).thenReturn(true);
        handler().respond(event("request-export-link.json"));
        String link =
                link(sent.get(0).text(), "https://api.example.org/subscriptions/export?token=");
        assertEquals(
                ADDRESS_ID,
                TOKENS.verify(link, LinkToken.Purpose.EXPORT, ISSUED.plusSeconds(600)).addressId());
    }

    @Test
    void requestEraseLink_shouldAnswerTheSame_andSendNothing_whenTheCapIsReached() {
        givenStoredRecords();
        when(sendCap.tryAcquire(anyString(), anyString(), any(), any())).thenReturn(false);
        HttpResponse capped = handler().respond(event("request-erase-link.json"));
        assertEquals(List.of(), sent);

        SubscriptionLinksHandler other = handler();
        sent.clear();
        when(sendCap.tryAcquire(anyString(), anyString(), any(), any())).thenReturn(true);
        HttpResponse sentOne = other.respond(event("request-erase-link.json"));
        assertEquals(1, sent.size());
        assertEquals(sentOne.status(), capped.status());
        assertEquals(sentOne.body(), capped.body());
    }

    @Test
    void requestEraseLink_shouldAnswerTheSame_andTakeNoCap_whenNothingIsStored() {
        when(repository.findRecords(ADDRESS_ID))
                .thenReturn(new ReaderRecords(ADDRESS_ID, List.of(), List.of(), Optional.empty()));
        HttpResponse response = handler().respond(event("request-erase-link.json"));
        assertEquals(200, response.status());
        assertTrue(response.body().contains("Check your inbox"));
        assertEquals(List.of(), sent);
        verifyNoInteractions(sendCap);
    }

    @Test
    void requestEraseLink_shouldAnswer503_whenMailIsThrottled() {
        givenStoredRecords();
        when(sendCap.tryAcquire(anyString(), anyString(), any(), any())).thenReturn(true);
        SubscriptionLinksHandler throttled =
                new SubscriptionLinksHandler(
                        new SubscriptionLinks(
                                repository,
                                eraser,
                                new DataLinks(
                                        repository,
                                        sendCap,
                                        SendCap.Rules.DEFAULT,
                                        KEYS,
                                        TOKENS,
                                        email -> {
                                            throw new MailException("throttled", true, null);
                                        },
                                        "The Ledger <newsletters@example.org>",
                                        "The Ledger",
                                        Optional.empty()),
                                new DataExport(DataExport.Memberships.of(email -> NOTHING))),
                        TOKENS,
                        List::of,
                        settings(""),
                        Clock.fixed(ISSUED.plusSeconds(600), ZoneOffset.UTC),
                        new Log(
                                "subscription-links",
                                new PrintStream(
                                        new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)),
                        new Metrics(
                                "subscription-links",
                                new PrintStream(metricLines, true, StandardCharsets.UTF_8),
                                Clock.fixed(ISSUED, ZoneOffset.UTC)));
        APIGatewayV2HTTPEvent event = event("request-erase-link.json");
        event.getHeaders().put("accept", "application/json");
        HttpResponse response = throttled.respond(event);
        assertEquals(503, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
    }

    @Test
    void showErase_shouldOfferAButton_andChangeNothing() {
        HttpResponse response = handler().respond(event("show-erase-page.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(
                response.body().contains("<form method=\"post\" action=\"/subscriptions/erase\">"));
        verifyNoInteractions(repository, eraser);
    }

    @Test
    void erase_shouldDeleteEveryRecordOfTheAddress_withTheEmailedToken() {
        givenStoredRecords();
        HttpResponse response = handler().respond(event("erase-my-data.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(response.body().contains("Your data has been deleted"));
        verify(repository).erase(ADDRESS_ID);
        verify(eraser).forget(READER);
        assertEquals(List.of("Erasures"), counted());
    }

    @Test
    void erase_shouldShowTheExpiredPage_andEraseNothing_afterOneHour() {
        HttpResponse response =
                handler(ISSUED.plus(Duration.ofHours(1)), Optional.empty())
                        .respond(event("erase-my-data.json"));
        assertEquals(400, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(response.body().contains("work for one hour"));
        verifyNoInteractions(repository, eraser);
    }

    @Test
    void erase_shouldRefuseAnUnsubscribeToken() {
        APIGatewayV2HTTPEvent event = event("erase-with-unsubscribe-token.json");
        event.setRouteKey("POST /subscriptions/erase");
        HttpResponse response = handler().respond(event);
        assertEquals(400, response.status());
        assertTrue(response.body().contains("This link does not work"));
        verifyNoInteractions(repository, eraser);
    }

    @Test
    void export_shouldAnswerTheDocument_withConsentEvidenceAndMemberships() {
        givenStoredRecords();
        HttpResponse response = handler().respond(event("export-my-data.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals("no-store", response.header("cache-control"));
        JsonNode doc = Json.parse(response.body());
        assertEquals("reader@example.org", doc.get("email").asText());
        JsonNode subscription = doc.get("subscriptions").get(0);
        assertEquals("daily-briefing", subscription.get("newsletter").asText());
        assertEquals("confirmed", subscription.get("status").asText());
        assertEquals("form", subscription.get("consent").get("source").asText());
        assertEquals(
                "https://www.example.org/newsletters",
                subscription.get("consent").get("page").asText());
        assertEquals("monthly", doc.get("memberships").get(0).get("plan").asText());
        assertTrue(doc.get("suppression").isNull());
    }

    @Test
    void export_shouldListGiftsBoughtByAndFor_theAddress_withoutTheOtherPersonsAddress() {
        givenStoredRecords();
        HttpResponse response = handler().respond(event("export-my-data.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        JsonNode gifts = Json.parse(response.body()).get("gifts");
        assertEquals(2, gifts.size());
        JsonNode bought = gifts.get(0);
        assertEquals("buyer", bought.get("roles").get(0).asText());
        assertEquals("pi_bought", bought.get("giftId").asText());
        assertEquals("issued", bought.get("state").asText());
        assertEquals("Grace", bought.get("recipientName").asText());
        assertEquals("Happy birthday", bought.get("message").asText());
        JsonNode received = gifts.get(1);
        assertEquals("recipient", received.get("roles").get(0).asText());
        assertEquals("paid", received.get("state").asText());
        assertFalse(received.has("giftId"), "the buyer's payment id is not the recipient's");
        assertFalse(response.body().contains("friend@example.org"));
        assertFalse(response.body().contains("giver@example.org"));
    }

    @Test
    void export_shouldRefuseAnUnsubscribeToken_andShowNothing() {
        APIGatewayV2HTTPEvent event = event("export-my-data.json");
        String unsubscribe =
                event("show-unsubscribe-page.json").getQueryStringParameters().get("token");
        event.setQueryStringParameters(Map.of("token", unsubscribe));
        event.setRawQueryString("token=" + unsubscribe);
        HttpResponse response = handler().respond(event);
        assertEquals(400, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(response.body().contains("This link does not work"));
        assertFalse(response.body().contains("reader@example.org"));
        verifyNoInteractions(repository);
    }

    /** The token of the link in {@code text} that starts with {@code prefix}. */
    private static String link(String text, String prefix) {
        int start = text.indexOf(prefix);
        assertTrue(start >= 0, "the email carries the link");
        String rest = text.substring(start + prefix.length());
        return java.net.URLDecoder.decode(rest.split("\\s", 2)[0], StandardCharsets.UTF_8);
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
                            assertEquals("subscription-links", line.get("Function").asText());
                            String name = directive.get("Metrics").get(0).get("Name").asText();
                            assertEquals(1, line.get(name).asInt());
                            return line.has("Reason")
                                    ? name + "/" + line.get("Reason").asText()
                                    : name;
                        })
                .toList();
    }
}

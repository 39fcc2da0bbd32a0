package org.newsroom.newsletters.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.SubscriptionRepository;
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

    @Mock SubscriptionRepository repository;
    @Mock SubscriptionLinks.Eraser eraser;

    private SubscriptionLinksHandler handler(Instant now, Optional<URI> confirmedUrl) {
        return new SubscriptionLinksHandler(
                new SubscriptionLinks(repository, eraser),
                new LinkTokens(TokenKeyRing.parse("TOKEN_KEYS", LOCAL_KEYS), Duration.ofHours(48)),
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
        return SubscriptionLinksSettings.from(
                Config.from(
                        Map.of(
                                "SUBSCRIPTIONS_TABLE",
                                "subscriptions",
                                "NEWSLETTERS_TABLE",
                                "newsletters",
                                "LIMITS_TABLE",
                                "limits",
                                "PUBLISHER_NAME",
                                "The Ledger",
                                "SIGNUP_PAGE_URL",
                                "https://www.example.org/newsletters",
                                "CONFIRMED_URL",
                                confirmedUrl,
                                "TOKEN_KEYS_SECRET_ID",
                                "newsroom/token-keys")));
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
    void showUnsubscribe_shouldOfferAllThreeChoices_andChangeNothing() {
        HttpResponse response = handler().respond(event("show-unsubscribe-page.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(response.body().contains("Unsubscribe from all newsletters"));
        assertTrue(response.body().contains("Delete all my data"));
        assertTrue(response.body().contains("name=\"scope\" value=\"all\""));
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
    void erase_shouldDeleteEveryRecordOfTheAddress() {
        HttpResponse response = handler().respond(event("erase-my-data.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(response.body().contains("Your data has been deleted"));
        verify(repository).erase(ADDRESS_ID);
        verify(eraser).forget(ADDRESS_ID);
        verify(repository, never()).unsubscribe(anyString(), anyString(), any());
        assertEquals(List.of("Erasures"), counted());
    }

    @Test
    void unsubscribe_shouldCountAPageUnsubscribe_apartFromOneClick() {
        APIGatewayV2HTTPEvent event = event("erase-my-data.json");
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

package org.newsroom.newsletters.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.Json;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.Newsletter;

class LinkRepliesTest {

    private static final NewsletterNames NAMES =
            new NewsletterNames(
                    () ->
                            List.of(
                                    new Newsletter(
                                            "daily-briefing",
                                            "The Daily Briefing",
                                            "",
                                            "",
                                            true,
                                            1),
                                    new Newsletter(
                                            "climate", "Climate, Explained", "", "", false, 2)));

    private final LinkPages pages = new LinkPages(SubscriptionLinksHandlerTest.settings(""), NAMES);
    private final LinkJson json = new LinkJson(NAMES);

    @Test
    void describe_shouldJoinNamesAsASentence_andKeepUnknownIds() {
        assertEquals("our newsletters", NAMES.describe(List.of()));
        assertEquals("The Daily Briefing", NAMES.describe(List.of("daily-briefing")));
        assertEquals(
                "The Daily Briefing, Climate, Explained and gone",
                NAMES.describe(List.of("daily-briefing", "climate", "gone")));
    }

    @Test
    void confirmOffer_shouldPostTheTokenBack_escaped() {
        HttpResponse response = pages.confirmOffer("a\"b", List.of("daily-briefing"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(
                response.body()
                        .contains("<form method=\"post\" action=\"/subscriptions/confirm\">"));
        assertFalse(response.body().contains("a\"b"), "the token is escaped");
        assertTrue(response.body().contains("The Ledger"));
        assertEquals("no-store", response.header("cache-control"));
        assertEquals("DENY", response.header("x-frame-options"));
    }

    @Test
    void unsubscribeOffer_shouldOfferOnlyAllAndTheDataLinks_whenTheLinkNamesNoNewsletter() {
        HttpResponse response = pages.unsubscribeOffer("t", List.of());
        assertEquals(200, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertFalse(response.body().contains("receives"));
        assertTrue(response.body().contains("Unsubscribe from all newsletters"));
        assertTrue(response.body().contains("Email me my data"));
        assertTrue(response.body().contains("Email me a link to delete my data"));
    }

    @Test
    void dataLinkRequested_shouldNotSayWhetherAnythingWasSent() {
        HttpResponse response = pages.dataLinkRequested(LinkToken.Purpose.ERASE);
        assertEquals(200, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(response.body().contains("If we keep anything about this email address"));
    }

    @Test
    void confirmed_shouldRedirect_whenAConfirmedPageIsConfigured() {
        LinkPages redirecting =
                new LinkPages(
                        SubscriptionLinksHandlerTest.settings("https://www.example.org/welcome"),
                        NAMES);
        HttpResponse response = redirecting.confirmed(List.of("daily-briefing"));
        assertEquals(303, response.status());
        assertEquals(HttpResponse.TEXT, response.header("content-type"));
        assertEquals("https://www.example.org/welcome", response.header("location"));
    }

    @Test
    void unsubscribed_shouldNameTheLinkedNewsletters_orAll() {
        assertTrue(
                pages.unsubscribed(false, List.of("climate"), List.of())
                        .body()
                        .contains("Climate, Explained any more"));
        assertTrue(
                pages.unsubscribed(true, List.of("climate"), List.of())
                        .body()
                        .contains("any of our newsletters"));
    }

    @Test
    void expired_shouldSayHowLongLinksWork_andOfferToSignUpAgain() {
        HttpResponse response = pages.expired();
        assertEquals(400, response.status());
        assertEquals(HttpResponse.HTML, response.header("content-type"));
        assertTrue(response.body().contains("48 hours"));
        assertTrue(response.body().contains("https://www.example.org/newsletters"));
    }

    @Test
    void nothingToConfirm_shouldBeA400_pageOrProblem() {
        assertEquals(400, pages.nothingToConfirm().status());
        HttpResponse problem = json.nothingToConfirm();
        assertEquals(400, problem.status());
        assertEquals(HttpResponse.PROBLEM_JSON, problem.header("content-type"));
        assertEquals(
                "urn:newsroom:problem:link-no-longer-valid",
                Json.parse(problem.body()).get("type").asText());
    }

    @Test
    void unsubscribed_shouldListWhatChanged_inJson() {
        HttpResponse response =
                json.unsubscribed(false, List.of("daily-briefing", "climate"), List.of("climate"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals("no-store", response.header("cache-control"));
        assertEquals(
                "{\"status\":\"unsubscribed\",\"newsletters\":[\"Climate, Explained\"],\"message\":\"You have been unsubscribed.\"}",
                response.body());
    }

    @Test
    void expired_shouldBeAProblem_inJson() {
        HttpResponse response = json.expired();
        assertEquals(400, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        assertEquals(
                "urn:newsroom:problem:expired-link",
                Json.parse(response.body()).get("type").asText());
    }
}

package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.local.it.NewsletterSupport.*;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.local.Outbox;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.TokenKeyRing;

/**
 * The links in the confirmation email, followed over HTTP as a reader and a mail provider would.
 */
class NewsletterLinksIT {

    private static final String HTML = "text/html; charset=utf-8";

    private static Outbox.Email signUp(String address, String... newsletters) {
        String list = String.join("\",\"", newsletters);
        assertEquals(
                202,
                subscribeJson("{\"email\":\"" + address + "\",\"newsletters\":[\"" + list + "\"]}")
                        .statusCode());
        return awaitEmail(address);
    }

    private static HttpResponse<String> browserGet(String pathAndQuery) {
        return LocalStackSupport.get(pathAndQuery, "Accept", "text/html");
    }

    private static HttpResponse<String> browserPost(String path, String form) {
        return LocalStackSupport.post(
                path, "application/x-www-form-urlencoded", form, "Accept", "text/html");
    }

    private static String token(String pathAndQuery) {
        return pathAndQuery.substring(pathAndQuery.indexOf("token=") + 6);
    }

    @Test
    void confirmLink_shouldShowAPageAndChangeNothing_onGet_andConfirmIdempotently_onPost() {
        String address = uniqueAddress("confirm");
        Outbox.Email email = signUp(address, "daily-briefing", "city-hall");
        String link = confirmPath(email);

        HttpResponse<String> page = browserGet(link);
        assertEquals(200, page.statusCode());
        assertEquals(HTML, page.headers().firstValue("content-type").orElseThrow());
        assertTrue(
                page.body().contains("<form method=\"post\" action=\"/subscriptions/confirm\">"));
        assertEquals(
                "pending",
                status(address, "daily-briefing"),
                "a mail scanner's GET changes nothing");

        HttpResponse<String> confirmed =
                browserPost("/subscriptions/confirm", "token=" + token(link));
        assertEquals(200, confirmed.statusCode());
        assertEquals(HTML, confirmed.headers().firstValue("content-type").orElseThrow());
        assertTrue(confirmed.body().contains("You are subscribed"));
        assertEquals("confirmed", status(address, "daily-briefing"));
        assertEquals("confirmed", status(address, "city-hall"));
        assertFalse(
                subscription(address, "daily-briefing").orElseThrow().containsKey("expiresAt"),
                "confirmed ones never expire");

        HttpResponse<String> again = browserPost("/subscriptions/confirm", "token=" + token(link));
        assertEquals(200, again.statusCode());
        assertEquals(HTML, again.headers().firstValue("content-type").orElseThrow());
        assertEquals("confirmed", status(address, "daily-briefing"));
    }

    @Test
    void confirmLink_shouldGiveAFriendly400_forTamperedGarbledOrExpiredTokens_andChangeNothing() {
        String address = uniqueAddress("tamper");
        String link = confirmPath(signUp(address, "daily-briefing"));
        String token = token(link);
        String tampered =
                token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        for (String bad : List.of(tampered, "garbage", "", "a.b.c", token + "x")) {
            HttpResponse<String> page = browserGet("/subscriptions/confirm?token=" + bad);
            assertEquals(400, page.statusCode(), bad);
            assertEquals(HTML, page.headers().firstValue("content-type").orElseThrow());
            HttpResponse<String> post = browserPost("/subscriptions/confirm", "token=" + bad);
            assertEquals(400, post.statusCode(), bad);
            assertEquals(HTML, post.headers().firstValue("content-type").orElseThrow());
        }
        HttpResponse<String> json =
                LocalStackSupport.get(
                        "/subscriptions/confirm?token=" + tampered, "Accept", "application/json");
        assertEquals(400, json.statusCode());
        assertEquals(
                "application/problem+json; charset=utf-8",
                json.headers().firstValue("content-type").orElseThrow());
        assertEquals(
                "urn:newsroom:problem:invalid-link", Json.parse(json.body()).get("type").asText());

        // A genuine token issued 49 hours ago, signed with the stack's own key ring.
        LinkTokens tokens =
                new LinkTokens(
                        TokenKeyRing.parseSecret(stack().secretValue("TokenKeySecret")),
                        Duration.ofHours(48));
        String expired =
                tokens.issue(
                        LinkToken.Purpose.CONFIRM,
                        addressId(address),
                        List.of("daily-briefing"),
                        Instant.now().minus(Duration.ofHours(49)));
        HttpResponse<String> old = browserPost("/subscriptions/confirm", "token=" + expired);
        assertEquals(400, old.statusCode());
        assertEquals(HTML, old.headers().firstValue("content-type").orElseThrow());
        assertTrue(old.body().contains("This link has expired"));
        assertEquals("pending", status(address, "daily-briefing"));
    }

    @Test
    void oneClick_shouldUnsubscribeAt200_withNoRedirectAndNoCookie_forUrlencodedPosts() {
        String address = uniqueAddress("oneclick");
        Outbox.Email email = signUp(address, "daily-briefing");
        String link = unsubscribePath(email);
        HttpResponse<String> response =
                LocalStackSupport.send(
                        HttpRequest.newBuilder(url(link))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "List-Unsubscribe=One-Click")));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").isPresent());
        assertTrue(response.headers().firstValue("location").isEmpty());
        assertTrue(response.headers().firstValue("set-cookie").isEmpty());
        assertEquals("unsubscribed", status(address, "daily-briefing"));
    }

    @Test
    void oneClick_shouldUnsubscribe_forMultipartPosts() {
        String address = uniqueAddress("multipart");
        String link = unsubscribePath(signUp(address, "climate-explained"));
        String body =
                "--xYz\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--xYz--\r\n";
        HttpResponse<String> response =
                LocalStackSupport.send(
                        HttpRequest.newBuilder(url(link))
                                .header("Content-Type", "multipart/form-data; boundary=xYz")
                                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").isPresent());
        assertTrue(response.headers().firstValue("location").isEmpty());
        assertTrue(response.headers().firstValue("set-cookie").isEmpty());
        assertEquals("unsubscribed", status(address, "climate-explained"));
    }

    @Test
    void unsubscribePage_shouldChangeNothingOnGet_andUnsubscribeFromAll_onPost() {
        String address = uniqueAddress("all");
        String first = confirmPath(signUp(address, "daily-briefing"));
        browserPost("/subscriptions/confirm", "token=" + token(first));
        String link = unsubscribePath(emailsTo(address).get(0));

        HttpResponse<String> page = browserGet(link);
        assertEquals(200, page.statusCode());
        assertEquals(HTML, page.headers().firstValue("content-type").orElseThrow());
        assertTrue(page.body().contains("Unsubscribe from all newsletters"));
        assertTrue(page.body().contains("Email me a link to delete my data"));
        assertEquals("confirmed", status(address, "daily-briefing"));

        HttpResponse<String> all =
                browserPost("/unsubscribe", "token=" + token(link) + "&scope=all");
        assertEquals(200, all.statusCode());
        assertEquals(HTML, all.headers().firstValue("content-type").orElseThrow());
        assertEquals("unsubscribed", status(address, "daily-briefing"));
    }

    @Test
    void resubscribe_shouldAskForConfirmationAgain_afterUnsubscribing() {
        String address = uniqueAddress("again");
        String link = unsubscribePath(signUp(address, "city-hall"));
        browserPost("/unsubscribe", "token=" + token(link));
        assertEquals("unsubscribed", status(address, "city-hall"));
        assertEquals(
                202,
                subscribeJson("{\"email\":\"" + address + "\",\"newsletters\":[\"city-hall\"]}")
                        .statusCode());
        assertEquals("pending", status(address, "city-hall"));
    }

    @Test
    void unsubscribeLink_shouldGiveA400_forGarbledTokens_andChangeNothing() {
        String address = uniqueAddress("badunsub");
        String link = unsubscribePath(signUp(address, "daily-briefing"));
        String token = token(link);
        String tampered =
                token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        for (String bad : List.of(tampered, "", "x.y.z", "%00")) {
            HttpResponse<String> page = browserGet("/unsubscribe?token=" + bad);
            assertEquals(400, page.statusCode(), bad);
            assertEquals(HTML, page.headers().firstValue("content-type").orElseThrow());
            HttpResponse<String> oneClick =
                    LocalStackSupport.post(
                            "/unsubscribe?token=" + bad,
                            "application/x-www-form-urlencoded",
                            "List-Unsubscribe=One-Click");
            assertEquals(400, oneClick.statusCode(), bad);
            assertEquals(
                    "application/problem+json; charset=utf-8",
                    oneClick.headers().firstValue("content-type").orElseThrow());
            HttpResponse<String> erase =
                    browserPost("/unsubscribe", "token=" + bad + "&action=erase");
            assertEquals(400, erase.statusCode(), bad);
        }
        assertEquals("pending", status(address, "daily-briefing"));
        assertFalse(items(address).isEmpty(), "nothing erased");
    }

    @Test
    void unsubscribeLink_shouldReject_aConfirmToken() {
        String address = uniqueAddress("purpose");
        String confirm = confirmPath(signUp(address, "daily-briefing"));
        HttpResponse<String> response =
                LocalStackSupport.post(
                        "/unsubscribe?token=" + token(confirm),
                        "application/x-www-form-urlencoded",
                        "List-Unsubscribe=One-Click");
        assertEquals(400, response.statusCode());
        assertEquals(
                "application/problem+json; charset=utf-8",
                response.headers().firstValue("content-type").orElseThrow());
        assertEquals("pending", status(address, "daily-briefing"));
    }
}

package org.newsroom.newsletters.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;
import org.newsroom.subscriptions.LinkToken;

class LinkPostTest {

    private static HttpRequest post(String contentType, String body, Map<String, String> query) {
        return HttpRequest.of(
                APIGatewayV2HTTPEvent.builder()
                        .withRouteKey("POST /unsubscribe")
                        .withHeaders(Map.of("content-type", contentType))
                        .withQueryStringParameters(query)
                        .withBody(body)
                        .withIsBase64Encoded(false)
                        .build());
    }

    @Test
    void parse_shouldReadTheChoice_fromOurButtonsForm() {
        LinkPost post =
                LinkPost.parse(
                        post(
                                "application/x-www-form-urlencoded",
                                "token=+abc+&scope=all",
                                Map.of()));
        assertEquals("abc", post.token(), "form fields are trimmed");
        assertTrue(post.all());
        assertFalse(post.erase());
        assertFalse(post.oneClick());
    }

    @Test
    void parse_shouldTakeTheTokenFromTheQuery_whenTheBodyHasNone() {
        LinkPost post =
                LinkPost.parse(
                        post(
                                "application/x-www-form-urlencoded",
                                "List-Unsubscribe=One-Click",
                                Map.of("token", "q")));
        assertEquals("q", post.token());
        assertTrue(post.oneClick());
    }

    @Test
    void parse_shouldIgnoreScopeAndAction_onAOneClickPost() {
        LinkPost post =
                LinkPost.parse(
                        post(
                                "application/x-www-form-urlencoded",
                                "List-Unsubscribe=One-Click&scope=all&action=erase&token=t",
                                Map.of()));
        assertTrue(post.oneClick());
        assertFalse(post.all());
        assertFalse(post.erase());
    }

    @Test
    void parse_shouldReadAMultipartOneClickPost() {
        APIGatewayV2HTTPEvent event =
                EventLoader.loadApiGatewayHttpEvent(
                        "../../events/subscription-links/one-click-unsubscribe-multipart.json");
        LinkPost post = LinkPost.parse(HttpRequest.of(event));
        assertTrue(post.oneClick());
        assertFalse(post.token().isEmpty());
    }

    @Test
    void parse_shouldReadTextFieldsOfAJsonObject_only() {
        LinkPost post =
                LinkPost.parse(
                        post(
                                "application/json",
                                "{\"token\":\"t\",\"action\":\"erase\",\"scope\":1}",
                                Map.of()));
        assertEquals("t", post.token());
        assertTrue(post.erase());
        assertFalse(post.all());
    }

    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void dataLink_shouldBeTheAskedForLink_butNeverInAOneClickPost() {
        assertEquals(
                Optional.of(LinkToken.Purpose.ERASE),
                LinkPost.parse(post(FORM, "token=t&request=erase", Map.of())).dataLink());
        assertEquals(
                Optional.of(LinkToken.Purpose.EXPORT),
                LinkPost.parse(post(FORM, "token=t&request=export", Map.of())).dataLink());
        assertEquals(
                Optional.empty(),
                LinkPost.parse(post(FORM, "List-Unsubscribe=One-Click&request=erase", Map.of()))
                        .dataLink());
        LinkPost unknown = LinkPost.parse(post(FORM, "token=t&request=delete", Map.of()));
        ProblemException e = assertThrows(ProblemException.class, unknown::dataLink);
        assertEquals(400, e.problem().status());
    }

    @Test
    void parse_shouldTreatOtherBodiesAsEmpty() {
        LinkPost post = LinkPost.parse(post("text/plain", "token=t&action=erase", Map.of()));
        assertEquals("", post.token());
        assertFalse(post.erase());
        assertEquals("", LinkPost.parse(post("application/json", "[\"t\"]", Map.of())).token());
    }

    @Test
    void parse_shouldRejectMalformedJson() {
        assertThrows(
                Json.MalformedJsonException.class,
                () -> LinkPost.parse(post("application/json", "{\"token\":", Map.of())));
    }

    @Test
    void parse_shouldRejectAnOversizedBody_with413() {
        ProblemException e =
                assertThrows(
                        ProblemException.class,
                        () ->
                                LinkPost.parse(
                                        post(
                                                "application/x-www-form-urlencoded",
                                                "token=" + "a".repeat(LinkPost.BODY_LIMIT),
                                                Map.of())));
        assertEquals(413, e.problem().status());
    }
}

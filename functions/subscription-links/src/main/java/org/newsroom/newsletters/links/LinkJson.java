package org.newsroom.newsletters.links;

import java.util.List;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.subscriptions.LinkToken;

/**
 * The answers for scripts and one-click posts: {@code {"status", "newsletters", "message"}} with
 * the newsletters' names, or a problem+json for a link that cannot be used.
 */
final class LinkJson implements LinkReplies {

    private final NewsletterNames names;

    LinkJson(NewsletterNames names) {
        this.names = names;
    }

    @Override
    public HttpResponse confirmOffer(String token, List<String> newsletters) {
        return json("confirm", names.of(newsletters), "POST this token to confirm.");
    }

    @Override
    public HttpResponse confirmed(List<String> newsletters) {
        return json("confirmed", names.of(newsletters), "Your subscription is confirmed.");
    }

    @Override
    public HttpResponse nothingToConfirm() {
        return Problem.of(
                        "link-no-longer-valid",
                        "Link no longer valid",
                        400,
                        "This link can no longer be used. Please sign up again.")
                .toResponse();
    }

    @Override
    public HttpResponse unsubscribeOffer(String token, List<String> newsletters) {
        return json(
                "unsubscribe",
                names.of(newsletters),
                "POST this token to unsubscribe; add scope=all for every newsletter, request=export to be emailed your data, or request=erase to be emailed a link that deletes it.");
    }

    @Override
    public HttpResponse unsubscribed(boolean all, List<String> linked, List<String> done) {
        return json("unsubscribed", names.of(done), "You have been unsubscribed.");
    }

    @Override
    public HttpResponse dataLinkRequested(LinkToken.Purpose purpose) {
        return json(
                "link-requested",
                List.of(),
                "If we keep anything about this email address, we have emailed it a link that works for one hour.");
    }

    @Override
    public HttpResponse eraseNeedsEmailedLink() {
        return Problem.of(
                        "erase-needs-emailed-link",
                        "Unsubscribe links cannot erase",
                        400,
                        "An unsubscribe link cannot delete data. POST it with request=erase to be emailed a deletion link.")
                .toResponse();
    }

    @Override
    public HttpResponse eraseOffer(String token) {
        return json("erase", List.of(), "POST this token to delete every record of the address.");
    }

    @Override
    public HttpResponse erased() {
        return json("erased", List.of(), "Every record of this email address has been deleted.");
    }

    @Override
    public HttpResponse expired() {
        return Problem.of(
                        "expired-link",
                        "Link expired",
                        400,
                        "This confirmation link has expired. Please sign up again.")
                .toResponse();
    }

    @Override
    public HttpResponse dataLinkExpired() {
        return Problem.of(
                        "expired-link",
                        "Link expired",
                        400,
                        "This link has expired (they work for one hour). Ask for a new one from an unsubscribe link.")
                .toResponse();
    }

    @Override
    public HttpResponse invalid() {
        return Problem.of(
                        "invalid-link",
                        "Invalid link",
                        400,
                        "This link is not valid. Please use the link from your email as it is.")
                .toResponse();
    }

    private static HttpResponse json(String state, List<String> newsletters, String message) {
        ObjectNode body = Json.object();
        body.put("status", state);
        ArrayNode list = body.putArray("newsletters");
        newsletters.forEach(list::add);
        body.put("message", message);
        return HttpResponse.json(200, body.toString()).withHeader("cache-control", "no-store");
    }
}

package org.newsroom.newsletters.links;

import static org.newsroom.newsletters.links.LinkPages.CONFIRM_PATH;
import static org.newsroom.newsletters.links.LinkPages.UNSUBSCRIBE_PATH;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.subscriptions.InvalidTokenException;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.NewsletterCatalogue;

/**
 * The links in our emails.
 *
 * <ul>
 *   <li>{@code GET /subscriptions/confirm?token=}: a page with a button; changes nothing, because
 *       mail scanners open links. {@code POST} confirms (idempotent) and shows a success page, or
 *       redirects to the configured confirmed page.
 *   <li>{@code GET /unsubscribe?token=}: a page offering to unsubscribe from the email's
 *       newsletters, from all, or to delete every record of the address. {@code POST} acts at once;
 *       an RFC 8058 one-click post ({@code List-Unsubscribe=One-Click}, urlencoded or multipart)
 *       gets 200 with no redirect and no cookie.
 * </ul>
 *
 * A tampered, expired or garbled token gets a friendly 400 page (problem+json for JSON clients).
 */
public final class SubscriptionLinksHandler extends ApiHandler {

    private final SubscriptionLinks links;
    private final LinkTokens tokens;
    private final LinkReplies pages;
    private final LinkReplies json;
    private final Clock clock;
    private final LinkOutcomes outcomes;

    /** Used by Lambda. */
    public SubscriptionLinksHandler() {
        this(System.getenv());
        SubscriptionLinksPriming.register(this, System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public SubscriptionLinksHandler(Map<String, String> environment) {
        this(
                SubscriptionLinksDependencies.create(
                        SubscriptionLinksSettings.from(Config.from(environment))));
    }

    private SubscriptionLinksHandler(SubscriptionLinksDependencies deployed) {
        this(
                deployed.links(),
                deployed.tokens(),
                deployed.catalogue(),
                deployed.settings(),
                deployed.clock(),
                deployed.log(),
                deployed.metrics());
    }

    /** For tests: every collaborator given. */
    public SubscriptionLinksHandler(
            SubscriptionLinks links,
            LinkTokens tokens,
            NewsletterCatalogue catalogue,
            SubscriptionLinksSettings settings,
            Clock clock,
            Log log,
            Metrics metrics) {
        super(log);
        this.links = links;
        this.tokens = tokens;
        NewsletterNames names = new NewsletterNames(catalogue);
        this.pages = new LinkPages(settings, names);
        this.json = new LinkJson(names);
        this.clock = clock;
        this.outcomes = new LinkOutcomes(log, metrics);
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        LinkReplies replies = request.wantsJson() ? json : pages;
        try {
            return switch (request.routeKey()) {
                case "GET " + CONFIRM_PATH ->
                        showConfirm(request.query("token").orElse(""), replies);
                case "POST " + CONFIRM_PATH -> confirm(LinkPost.parse(request), replies);
                case "GET " + UNSUBSCRIBE_PATH ->
                        showUnsubscribe(request.query("token").orElse(""), replies);
                case "POST " + UNSUBSCRIBE_PATH -> unsubscribe(LinkPost.parse(request), replies);
                default ->
                        throw new ProblemException(
                                Problem.notFound("There is nothing at this address."));
            };
        } catch (InvalidTokenException e) {
            outcomes.rejected(request.routeKey(), e.expired());
            return e.expired() ? replies.expired() : replies.invalid();
        }
    }

    private HttpResponse showConfirm(String raw, LinkReplies replies) {
        LinkToken token = tokens.verify(raw, LinkToken.Purpose.CONFIRM, clock.instant());
        return replies.confirmOffer(raw, token.newsletters());
    }

    private HttpResponse confirm(LinkPost post, LinkReplies replies) {
        LinkToken token = tokens.verify(post.token(), LinkToken.Purpose.CONFIRM, clock.instant());
        List<String> confirmed = links.confirm(token, clock.instant());
        outcomes.confirmed(token, confirmed);
        return confirmed.isEmpty() ? replies.nothingToConfirm() : replies.confirmed(confirmed);
    }

    private HttpResponse showUnsubscribe(String raw, LinkReplies replies) {
        LinkToken token = tokens.verify(raw, LinkToken.Purpose.UNSUBSCRIBE, clock.instant());
        return replies.unsubscribeOffer(raw, token.newsletters());
    }

    private HttpResponse unsubscribe(LinkPost post, LinkReplies replies) {
        LinkToken token =
                tokens.verify(post.token(), LinkToken.Purpose.UNSUBSCRIBE, clock.instant());
        if (post.erase()) {
            links.erase(token);
            outcomes.erased();
            return replies.erased();
        }
        List<String> done = links.unsubscribe(token, post.all(), clock.instant());
        outcomes.unsubscribed(post, done);
        return replies.unsubscribed(post.all(), token.newsletters(), done);
    }
}

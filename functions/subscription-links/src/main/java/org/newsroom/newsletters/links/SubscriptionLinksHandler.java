package org.newsroom.newsletters.links;

import static org.newsroom.newsletters.links.DataLinks.ERASE_PATH;
import static org.newsroom.newsletters.links.DataLinks.EXPORT_PATH;
import static org.newsroom.newsletters.links.LinkPages.CONFIRM_PATH;
import static org.newsroom.newsletters.links.LinkPages.UNSUBSCRIBE_PATH;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.priming.ClassPreload;
import org.newsroom.subscriptions.InvalidTokenException;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkToken.Purpose;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.NewsletterCatalogue;

/**
 * The links in our emails; {@code GET} never changes anything (mail scanners open links). {@code
 * /subscriptions/confirm} confirms; {@code /unsubscribe} unsubscribes (RFC 8058 one-click too) or
 * emails an erase or export link ({@code request=erase|export}), and refuses {@code action=erase};
 * {@code /subscriptions/erase} and {@code /subscriptions/export} take those emailed one-hour links.
 * A bad or expired token gets a friendly 400 page (problem+json for JSON clients).
 */
public final class SubscriptionLinksHandler extends ApiHandler {

    static {
        // Before anything else: the classes of a cold start load on a second thread from here on.
        ClassPreload.start(SubscriptionLinksHandler.class);
    }

    private final SubscriptionLinks links;
    private final LinkTokens tokens;
    private final LinkReplies pages;
    private final LinkReplies json;
    private final Clock clock;
    private final LinkOutcomes outcomes;
    private final DataRights rights;

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
        this.rights = new DataRights(links, tokens, outcomes, clock);
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        LinkReplies replies = request.wantsJson() ? json : pages;
        String route = request.routeKey();
        try {
            return switch (route) {
                case "GET " + CONFIRM_PATH ->
                        offer(
                                request,
                                Purpose.CONFIRM,
                                (raw, t) -> replies.confirmOffer(raw, t.newsletters()));
                case "POST " + CONFIRM_PATH -> confirm(LinkPost.parse(request), replies);
                case "GET " + UNSUBSCRIBE_PATH ->
                        offer(
                                request,
                                Purpose.UNSUBSCRIBE,
                                (raw, t) -> replies.unsubscribeOffer(raw, t.newsletters()));
                case "POST " + UNSUBSCRIBE_PATH ->
                        unsubscribe(
                                LinkPost.parse(request), replies, DataLinks.requestBase(request));
                case "GET " + ERASE_PATH ->
                        offer(request, Purpose.ERASE, (raw, t) -> replies.eraseOffer(raw));
                case "POST " + ERASE_PATH -> rights.erase(LinkPost.parse(request).token(), replies);
                case "GET " + EXPORT_PATH -> rights.export(request.query("token").orElse(""));
                default ->
                        throw new ProblemException(
                                Problem.notFound("There is nothing at this address."));
            };
        } catch (InvalidTokenException e) {
            outcomes.rejected(route, e.expired());
            return replies.rejected(e, route.endsWith(ERASE_PATH) || route.endsWith(EXPORT_PATH));
        }
    }

    /** A {@code GET}: verifies the query's token for {@code purpose}, then shows {@code page}. */
    private HttpResponse offer(
            HttpRequest request,
            Purpose purpose,
            BiFunction<String, LinkToken, HttpResponse> page) {
        String raw = request.query("token").orElse("");
        return page.apply(raw, tokens.verify(raw, purpose, clock.instant()));
    }

    private HttpResponse confirm(LinkPost post, LinkReplies replies) {
        LinkToken token = tokens.verify(post.token(), Purpose.CONFIRM, clock.instant());
        List<String> confirmed = links.confirm(token, clock.instant());
        outcomes.confirmed(token, confirmed);
        return confirmed.isEmpty() ? replies.nothingToConfirm() : replies.confirmed(confirmed);
    }

    private HttpResponse unsubscribe(LinkPost post, LinkReplies replies, String apiBase) {
        LinkToken token = tokens.verify(post.token(), Purpose.UNSUBSCRIBE, clock.instant());
        Optional<HttpResponse> dataRequest =
                rights.onUnsubscribePage(post, token, apiBase, replies);
        if (dataRequest.isPresent()) {
            return dataRequest.get();
        }
        List<String> done = links.unsubscribe(token, post.all(), clock.instant());
        outcomes.unsubscribed(post, done);
        return replies.unsubscribed(post.all(), token.newsletters(), done);
    }
}

package org.newsroom.newsletters.links;

import java.util.List;
import java.util.Map;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.subscriptions.LinkToken;

/**
 * What the links function records about each use of a link: one log line, with counts and never the
 * address, and a metric when a subscription changed.
 */
final class LinkOutcomes {

    private final Log log;
    private final Metrics metrics;

    LinkOutcomes(Log log, Metrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    /** A link whose token did not verify. */
    void rejected(String route, boolean expired) {
        log.info("invalid token", Map.of("route", route, "expired", expired));
    }

    /** A confirmation post; {@code Confirmations} counts it when any newsletter was confirmed. */
    void confirmed(LinkToken token, List<String> confirmed) {
        log.info(
                "confirm",
                Map.of("requested", token.newsletters().size(), "confirmed", confirmed.size()));
        if (!confirmed.isEmpty()) {
            metrics.count("Confirmations");
        }
    }

    /** An unsubscribe link was posted to erase: refused. */
    void eraseRefused() {
        log.info("erase refused", Map.of("reason", "unsubscribe token"));
    }

    /** An erase or export link was asked for; the outcome is logged, never shown. */
    void dataLinkRequested(LinkToken.Purpose purpose, DataLinks.Outcome outcome) {
        log.info(
                "data link requested",
                Map.of(
                        "purpose",
                        purpose.name().toLowerCase(java.util.Locale.ROOT),
                        "outcome",
                        outcome.name()));
    }

    /** An export link was used: the document was shown. */
    void exported(int subscriptions) {
        log.info("export", Map.of("subscriptions", subscriptions));
    }

    /** Every record of the address was deleted. */
    void erased() {
        log.info("erase", Map.of("erased", true));
        metrics.count("Erasures");
    }

    /**
     * An unsubscribe post; {@code Unsubscribes} counts it, by one-click or page, when any
     * subscription ended.
     */
    void unsubscribed(LinkPost post, List<String> done) {
        log.info(
                "unsubscribe",
                Map.of("oneClick", post.oneClick(), "all", post.all(), "newsletters", done.size()));
        if (!done.isEmpty()) {
            metrics.count("Unsubscribes", "Reason", post.oneClick() ? "one-click" : "page");
        }
    }
}

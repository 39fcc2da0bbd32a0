package org.newsroom.newsletters.signup;

import java.util.Map;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of newsletter-signup (see {@link Priming}): the catalogue request ({@code GET
 * /newsletters}, a read), then a signup with no address (refused 400 by validation: nothing
 * written, nothing sent).
 */
final class NewsletterSignupPriming {

    private NewsletterSignupPriming() {}

    /** Registers the priming of {@code handler}. */
    static void register(NewsletterSignupHandler handler) {
        Priming.register(
                "newsletter-signup",
                () -> {
                    Priming.http(handler, "GET /newsletters", "/newsletters", Map.of(), null);
                    Priming.http(handler, "POST /subscriptions", "/subscriptions", Map.of(), "{}");
                });
    }
}

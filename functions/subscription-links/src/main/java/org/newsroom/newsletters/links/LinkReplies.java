package org.newsroom.newsletters.links;

import java.util.List;
import org.newsroom.core.http.HttpResponse;

/**
 * The answers of the links function, as pages for people ({@link LinkPages}) or JSON for scripts
 * ({@link LinkJson}).
 */
interface LinkReplies {

    /** {@code GET} of a confirmation link: offers to confirm, changes nothing. */
    HttpResponse confirmOffer(String token, List<String> newsletters);

    /** The newsletters are confirmed. */
    HttpResponse confirmed(List<String> newsletters);

    /**
     * Nothing the link names can be confirmed any more (unsubscribed, erased or expired meanwhile).
     */
    HttpResponse nothingToConfirm();

    /** {@code GET} of an unsubscribe link: offers the choices, changes nothing. */
    HttpResponse unsubscribeOffer(String token, List<String> newsletters);

    /**
     * The reader is unsubscribed.
     *
     * @param linked the newsletters the link names
     * @param done the subscriptions that changed
     */
    HttpResponse unsubscribed(boolean all, List<String> linked, List<String> done);

    /** Every record of the address is deleted. */
    HttpResponse erased();

    /** The link's token has expired. */
    HttpResponse expired();

    /** The link's token is tampered with, truncated or garbled. */
    HttpResponse invalid();
}

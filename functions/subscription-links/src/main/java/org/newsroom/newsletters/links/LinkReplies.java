package org.newsroom.newsletters.links;

import java.util.List;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.subscriptions.InvalidTokenException;
import org.newsroom.subscriptions.LinkToken;

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

    /**
     * An erase or export link was asked for from the unsubscribe page. The same answer whatever
     * happened (sent, nothing stored, cap reached), so it reveals nothing about the address.
     */
    HttpResponse dataLinkRequested(LinkToken.Purpose purpose);

    /**
     * An unsubscribe link was posted with {@code action=erase}: refused (400), nothing changed;
     * erasure needs the emailed erase link.
     */
    HttpResponse eraseNeedsEmailedLink();

    /** {@code GET} of an emailed erase link: offers to delete, changes nothing. */
    HttpResponse eraseOffer(String token);

    /** Every record of the address is deleted. */
    HttpResponse erased();

    /** The link's token has expired. */
    HttpResponse expired();

    /** An emailed erase or export link has expired (they work for an hour). */
    HttpResponse dataLinkExpired();

    /** The link's token is tampered with, truncated or garbled. */
    HttpResponse invalid();

    /**
     * The answer to a token that did not verify; {@code dataLink} for the emailed erase and export
     * links, whose expiry is explained differently.
     */
    default HttpResponse rejected(InvalidTokenException e, boolean dataLink) {
        if (!e.expired()) {
            return invalid();
        }
        return dataLink ? dataLinkExpired() : expired();
    }
}

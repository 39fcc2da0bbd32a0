package org.newsroom.newsletters.links;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.ReaderRecords;
import org.newsroom.subscriptions.Subscription;
import org.newsroom.subscriptions.SubscriptionRepository;

/**
 * What the links in our emails do, once their token is verified: confirm the newsletters the token
 * names (idempotently; only pending ones change), unsubscribe from them or from all, email an erase
 * or export link, erase every record of the address (an erase token only), or show it (an export
 * token only).
 */
public final class SubscriptionLinks {

    private final SubscriptionRepository repository;
    private final Eraser eraser;
    private final DataLinks dataLinks;
    private final DataExport dataExport;

    /** The export document, and how many subscriptions it shows (for the log line). */
    record Export(ObjectNode document, int subscriptions) {}

    /** Removes what other stores keep about an address (its inbox's send cap); part of erasure. */
    public interface Eraser {
        void forget(EmailAddress address);
    }

    SubscriptionLinks(
            SubscriptionRepository repository,
            Eraser eraser,
            DataLinks dataLinks,
            DataExport dataExport) {
        this.repository = repository;
        this.eraser = eraser;
        this.dataLinks = dataLinks;
        this.dataExport = dataExport;
    }

    /** The newsletters that are confirmed afterwards (now or before); empty when none could be. */
    public List<String> confirm(LinkToken token, Instant now) {
        List<String> confirmed = new ArrayList<>();
        for (String newsletter : token.newsletters()) {
            if (repository.confirm(token.addressId(), newsletter, now)) {
                confirmed.add(newsletter);
            }
        }
        return confirmed;
    }

    /**
     * Unsubscribes from the token's newsletters, or from every one when {@code all}; returns them.
     */
    public List<String> unsubscribe(LinkToken token, boolean all, Instant now) {
        List<String> targets =
                all
                        ? repository.findAll(token.addressId()).stream()
                                .map(Subscription::newsletter)
                                .toList()
                        : token.newsletters();
        List<String> done = new ArrayList<>();
        for (String newsletter : targets) {
            if (repository.unsubscribe(token.addressId(), newsletter, now)) {
                done.add(newsletter);
            }
        }
        return done;
    }

    /**
     * Emails a link for {@code purpose} (erase or export) to the address an unsubscribe token
     * stands for; {@code requestBase} is the API's URL as the request reached it.
     */
    DataLinks.Outcome sendDataLink(
            LinkToken.Purpose purpose, LinkToken unsubscribe, Instant now, String requestBase) {
        requirePurpose(unsubscribe, LinkToken.Purpose.UNSUBSCRIBE);
        return dataLinks.send(purpose, unsubscribe.addressId(), now, requestBase);
    }

    /**
     * Deletes every record of the erase token's address; a suppressed address keeps a marker with
     * nothing but its key.
     */
    public void erase(LinkToken token) {
        requirePurpose(token, LinkToken.Purpose.ERASE);
        Optional<String> address = repository.findRecords(token.addressId()).address();
        repository.erase(token.addressId());
        address.flatMap(EmailAddress::parse).ifPresent(eraser::forget);
    }

    /** Everything stored about the export token's address. */
    Export export(LinkToken token, Instant now) {
        requirePurpose(token, LinkToken.Purpose.EXPORT);
        ReaderRecords records = repository.findRecords(token.addressId());
        return new Export(dataExport.document(records, now), records.subscriptions().size());
    }

    /** A second line of defence behind the handler's verification: never act on the wrong token. */
    private static void requirePurpose(LinkToken token, LinkToken.Purpose purpose) {
        if (token.purpose() != purpose) {
            throw new IllegalArgumentException(
                    "A " + token.purpose() + " token cannot be used to " + purpose);
        }
    }
}

package org.newsroom.newsletters.links;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.Subscription;
import org.newsroom.subscriptions.SubscriptionRepository;

/**
 * What the links in our emails do, once their token is verified: confirm the newsletters the token
 * names (idempotently; only pending ones change), unsubscribe from them or from all, or erase every
 * record of the address.
 */
public final class SubscriptionLinks {

    private final SubscriptionRepository repository;
    private final Eraser eraser;

    /** Removes what other stores keep about an address (send caps); part of erasure. */
    public interface Eraser {
        void forget(String addressId);
    }

    public SubscriptionLinks(SubscriptionRepository repository, Eraser eraser) {
        this.repository = repository;
        this.eraser = eraser;
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

    /** Deletes every record of the token's address. */
    public void erase(LinkToken token) {
        repository.erase(token.addressId());
        eraser.forget(token.addressId());
    }
}

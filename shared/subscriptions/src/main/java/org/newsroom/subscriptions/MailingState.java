package org.newsroom.subscriptions;

import java.util.List;
import java.util.Objects;

/**
 * What a mailer must know about an address before it sends: whether the address is suppressed
 * (bounced, complained, or erased after either) and its subscriptions, read together.
 *
 * @param suppressed whether mail to the address is stopped for good
 * @param subscriptions every subscription of the address, in key order
 */
public record MailingState(boolean suppressed, List<Subscription> subscriptions) {

    public MailingState {
        subscriptions = List.copyOf(Objects.requireNonNull(subscriptions, "subscriptions"));
    }
}

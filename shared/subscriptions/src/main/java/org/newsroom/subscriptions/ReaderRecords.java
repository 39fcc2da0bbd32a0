package org.newsroom.subscriptions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the subscriptions table keeps about one address (its partition): subscriptions with
 * their consent evidence, confirmation emails asked for, and the suppression, if any. What an
 * export shows, and where the links function finds the address to email a link to.
 */
public record ReaderRecords(
        String addressId,
        List<Subscription> subscriptions,
        List<ConfirmationRequest> confirmationRequests,
        Optional<Suppression> suppression) {

    public ReaderRecords {
        subscriptions = List.copyOf(subscriptions);
        confirmationRequests = List.copyOf(confirmationRequests);
    }

    /**
     * Why and when the address was suppressed. An erased address keeps a marker with neither (and
     * no address): {@code reason} is empty and {@code at} absent.
     */
    public record Suppression(String address, String reason, Optional<Instant> at) {}

    /** The address as stored in any record; empty when nothing but a key is left. */
    public Optional<String> address() {
        return Stream.concat(
                        Stream.concat(
                                subscriptions.stream().map(Subscription::address),
                                confirmationRequests.stream().map(ConfirmationRequest::address)),
                        suppression.stream().map(Suppression::address))
                .filter(a -> a != null && !a.isEmpty())
                .findFirst();
    }

    /** True when nothing at all is stored. */
    public boolean isEmpty() {
        return subscriptions.isEmpty() && confirmationRequests.isEmpty() && suppression.isEmpty();
    }
}

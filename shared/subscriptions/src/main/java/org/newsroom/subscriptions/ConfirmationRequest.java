package org.newsroom.subscriptions;

import java.time.Instant;
import java.util.List;

/**
 * A confirmation email to send: written by every valid signup, picked up from the table's stream by
 * the mailer, which applies the send cap (on {@code mailboxId}) and the hourly budget and sends it
 * once.
 *
 * @param mailboxId the {@code AddressKeys#mailboxId} of the address: the send cap's key (empty on
 *     requests recorded before it existed: the mailer then caps on the address id)
 */
public record ConfirmationRequest(
        String addressId,
        String requestId,
        String address,
        List<String> newsletters,
        Instant createdAt,
        String mailboxId) {

    public ConfirmationRequest {
        newsletters = List.copyOf(newsletters);
    }
}

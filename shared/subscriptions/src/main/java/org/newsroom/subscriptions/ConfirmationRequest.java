package org.newsroom.subscriptions;

import java.time.Instant;
import java.util.List;

/**
 * A confirmation email to send: written by the signup (only when the send cap allows it), picked up
 * from the table's stream by the mailer, which sends it once.
 */
public record ConfirmationRequest(
        String addressId,
        String requestId,
        String address,
        List<String> newsletters,
        Instant createdAt) {

    public ConfirmationRequest {
        newsletters = List.copyOf(newsletters);
    }
}

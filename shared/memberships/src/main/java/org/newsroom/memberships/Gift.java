package org.newsroom.memberships;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A gift membership bought by one person for another. {@code id} is the payment id (Stripe's
 * payment intent), which refunds name too. The code itself is never stored: only its hash,
 * once the mailer has issued it.
 *
 * <p>States: {@code PAID} (bought, code not issued yet), {@code ISSUED} (code mailed),
 * {@code REDEEMED}, {@code REFUNDED} (a refund arrived; also a tombstone when the refund came
 * before the purchase event).
 */
public record Gift(String id, State state, Optional<String> buyerEmail, Optional<String> recipientEmail,
                   Optional<String> recipientName, Optional<String> message, Optional<LocalDate> deliverOn,
                   Optional<Instant> purchasedAt, Optional<Instant> expiresAt, Optional<String> codeHash,
                   Optional<String> redeemedBy, Instant updatedAt, long version) {

    public enum State { PAID, ISSUED, REDEEMED, REFUNDED }

    public Gift {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(buyerEmail, "buyerEmail");
        Objects.requireNonNull(recipientEmail, "recipientEmail");
        Objects.requireNonNull(recipientName, "recipientName");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(deliverOn, "deliverOn");
        Objects.requireNonNull(purchasedAt, "purchasedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(redeemedBy, "redeemedBy");
    }

    public Gift withState(State next, Instant now) {
        return new Gift(id, next, buyerEmail, recipientEmail, recipientName, message, deliverOn, purchasedAt,
                expiresAt, codeHash, redeemedBy, now, version);
    }

    public Gift withCode(String hash, Instant now) {
        return new Gift(id, State.ISSUED, buyerEmail, recipientEmail, recipientName, message, deliverOn, purchasedAt,
                expiresAt, Optional.of(hash), redeemedBy, now, version);
    }

    public Gift redeemedBy(String email, Instant now) {
        return new Gift(id, State.REDEEMED, buyerEmail, recipientEmail, recipientName, message, deliverOn, purchasedAt,
                expiresAt, codeHash, Optional.of(email), now, version);
    }
}

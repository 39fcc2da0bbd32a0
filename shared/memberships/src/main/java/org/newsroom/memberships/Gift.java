package org.newsroom.memberships;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A gift membership bought by one person for another. {@code id} is the payment id (Stripe's
 * payment intent), which refunds name too. The code itself is never stored: only its hash, once the
 * gift job runner has issued it.
 *
 * <p>States: {@code PAID} (bought, code not issued yet), {@code ISSUED} (code mailed), {@code
 * REDEEMED}, {@code REFUNDED} (a refund arrived; also a tombstone when the refund came before the
 * purchase event, which then has only an id). Build one with {@link #builder}.
 */
public final class Gift {

    public enum State {
        PAID,
        ISSUED,
        REDEEMED,
        REFUNDED
    }

    private final String id;
    private final State state;
    private final String buyerEmail;
    private final String recipientEmail;
    private final String recipientName;
    private final String message;
    private final LocalDate deliverOn;
    private final Instant purchasedAt;
    private final Instant expiresAt;
    private final String codeHash;
    private final String redeemedBy;
    private final Instant updatedAt;
    private final long version;

    private Gift(Builder builder) {
        this.id = Objects.requireNonNull(builder.id, "id");
        this.state = Objects.requireNonNull(builder.state, "state");
        this.buyerEmail = builder.buyerEmail;
        this.recipientEmail = builder.recipientEmail;
        this.recipientName = builder.recipientName;
        this.message = builder.message;
        this.deliverOn = builder.deliverOn;
        this.purchasedAt = builder.purchasedAt;
        this.expiresAt = builder.expiresAt;
        this.codeHash = builder.codeHash;
        this.redeemedBy = builder.redeemedBy;
        this.updatedAt = Objects.requireNonNull(builder.updatedAt, "updatedAt");
        this.version = builder.version;
    }

    /** A gift with only its id, state and update time (every detail absent, version 0). */
    public static Builder builder(String id, State state, Instant updatedAt) {
        Builder builder = new Builder();
        builder.id = id;
        builder.state = state;
        builder.updatedAt = updatedAt;
        return builder;
    }

    /** A builder holding this gift's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = builder(id, state, updatedAt);
        builder.buyerEmail = buyerEmail;
        builder.recipientEmail = recipientEmail;
        builder.recipientName = recipientName;
        builder.message = message;
        builder.deliverOn = deliverOn;
        builder.purchasedAt = purchasedAt;
        builder.expiresAt = expiresAt;
        builder.codeHash = codeHash;
        builder.redeemedBy = redeemedBy;
        builder.version = version;
        return builder;
    }

    public Gift withState(State next, Instant now) {
        return toBuilder().state(next).updatedAt(now).build();
    }

    public Gift withCode(String hash, Instant now) {
        return toBuilder().state(State.ISSUED).codeHash(hash).updatedAt(now).build();
    }

    public Gift redeemedBy(String email, Instant now) {
        return toBuilder().state(State.REDEEMED).redeemedBy(email).updatedAt(now).build();
    }

    public String id() {
        return id;
    }

    public State state() {
        return state;
    }

    public Optional<String> buyerEmail() {
        return Optional.ofNullable(buyerEmail);
    }

    public Optional<String> recipientEmail() {
        return Optional.ofNullable(recipientEmail);
    }

    public Optional<String> recipientName() {
        return Optional.ofNullable(recipientName);
    }

    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    public Optional<LocalDate> deliverOn() {
        return Optional.ofNullable(deliverOn);
    }

    public Optional<Instant> purchasedAt() {
        return Optional.ofNullable(purchasedAt);
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<String> codeHash() {
        return Optional.ofNullable(codeHash);
    }

    public Optional<String> redeemedBy() {
        return Optional.ofNullable(redeemedBy);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    @Override
    public String toString() {
        // Addresses, names and the message are personal data: never print them.
        return "Gift[id=" + id + ", state=" + state + ", version=" + version + "]";
    }

    /** Builds a {@link Gift}; every setter takes a present value. */
    public static final class Builder {
        private String id;
        private State state;
        private String buyerEmail;
        private String recipientEmail;
        private String recipientName;
        private String message;
        private LocalDate deliverOn;
        private Instant purchasedAt;
        private Instant expiresAt;
        private String codeHash;
        private String redeemedBy;
        private Instant updatedAt;
        private long version;

        private Builder() {}

        public Builder state(State state) {
            this.state = Objects.requireNonNull(state, "state");
            return this;
        }

        public Builder buyerEmail(String buyerEmail) {
            this.buyerEmail = Objects.requireNonNull(buyerEmail, "buyerEmail");
            return this;
        }

        public Builder recipientEmail(String recipientEmail) {
            this.recipientEmail = Objects.requireNonNull(recipientEmail, "recipientEmail");
            return this;
        }

        public Builder recipientName(String recipientName) {
            this.recipientName = Objects.requireNonNull(recipientName, "recipientName");
            return this;
        }

        public Builder message(String message) {
            this.message = Objects.requireNonNull(message, "message");
            return this;
        }

        public Builder deliverOn(LocalDate deliverOn) {
            this.deliverOn = Objects.requireNonNull(deliverOn, "deliverOn");
            return this;
        }

        public Builder purchasedAt(Instant purchasedAt) {
            this.purchasedAt = Objects.requireNonNull(purchasedAt, "purchasedAt");
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            return this;
        }

        public Builder codeHash(String codeHash) {
            this.codeHash = Objects.requireNonNull(codeHash, "codeHash");
            return this;
        }

        public Builder redeemedBy(String redeemedBy) {
            this.redeemedBy = Objects.requireNonNull(redeemedBy, "redeemedBy");
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public Gift build() {
            return new Gift(this);
        }
    }
}

package org.newsroom.memberships;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A paid gift purchase as the payment provider reported it: the payment id and the time are
 * required; the recipient's address is too, except for a purchase whose recipient address was
 * missing or not valid ({@link #withoutRecipient}), which is recorded all the same and waits for a
 * corrected one. The buyer's address, the recipient's name, a personal message and a delivery date
 * are optional. Build one with {@link #builder}.
 */
public final class GiftPurchase {

    private final String paymentId;
    private final String recipientEmail;
    private final Instant purchasedAt;
    private final String buyerEmail;
    private final String recipientName;
    private final String message;
    private final LocalDate deliverOn;

    private GiftPurchase(Builder builder) {
        this.paymentId = builder.paymentId;
        this.recipientEmail = builder.recipientEmail;
        this.purchasedAt = builder.purchasedAt;
        this.buyerEmail = builder.buyerEmail;
        this.recipientName = builder.recipientName;
        this.message = builder.message;
        this.deliverOn = builder.deliverOn;
    }

    public static Builder builder(String paymentId, String recipientEmail, Instant purchasedAt) {
        return new Builder(
                paymentId, Objects.requireNonNull(recipientEmail, "recipientEmail"), purchasedAt);
    }

    /** A paid gift whose recipient address was missing or not valid. */
    public static Builder withoutRecipient(String paymentId, Instant purchasedAt) {
        return new Builder(paymentId, null, purchasedAt);
    }

    public String paymentId() {
        return paymentId;
    }

    public Optional<String> recipientEmail() {
        return Optional.ofNullable(recipientEmail);
    }

    public Instant purchasedAt() {
        return purchasedAt;
    }

    public Optional<String> buyerEmail() {
        return Optional.ofNullable(buyerEmail);
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

    @Override
    public String toString() {
        return "GiftPurchase[paymentId=" + paymentId + "]";
    }

    /** Builds a {@link GiftPurchase}; every setter takes a present value. */
    public static final class Builder {
        private final String paymentId;
        private final String recipientEmail;
        private final Instant purchasedAt;
        private String buyerEmail;
        private String recipientName;
        private String message;
        private LocalDate deliverOn;

        private Builder(String paymentId, String recipientEmail, Instant purchasedAt) {
            this.paymentId = Objects.requireNonNull(paymentId, "paymentId");
            this.recipientEmail = recipientEmail;
            this.purchasedAt = Objects.requireNonNull(purchasedAt, "purchasedAt");
        }

        public Builder buyerEmail(String buyerEmail) {
            this.buyerEmail = Objects.requireNonNull(buyerEmail, "buyerEmail");
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

        public GiftPurchase build() {
            return new GiftPurchase(this);
        }
    }
}

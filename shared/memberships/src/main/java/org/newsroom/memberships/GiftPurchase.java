package org.newsroom.memberships;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** A paid gift purchase as the payment provider reported it. */
public record GiftPurchase(String paymentId, Optional<String> buyerEmail, String recipientEmail,
                           Optional<String> recipientName, Optional<String> message, Optional<LocalDate> deliverOn,
                           Instant purchasedAt) {

    public GiftPurchase {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(recipientEmail, "recipientEmail");
        Objects.requireNonNull(purchasedAt, "purchasedAt");
    }
}

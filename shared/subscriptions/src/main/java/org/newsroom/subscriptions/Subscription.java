package org.newsroom.subscriptions;

import java.time.Instant;
import java.util.Optional;

/** One (address, newsletter) subscription as stored. */
public record Subscription(
        String addressId,
        String address,
        String newsletter,
        SubscriptionStatus status,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> confirmedAt,
        Consent consent) {}

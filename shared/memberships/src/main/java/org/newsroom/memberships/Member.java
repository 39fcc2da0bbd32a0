package org.newsroom.memberships;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One membership. {@code id} is the payment provider's subscription id for paid memberships,
 * {@code gift-<payment>} for redeemed gifts and {@code import-<hash>} for imported members.
 * {@code version} is 0 for a membership not yet stored.
 */
public record Member(String id, Status status, String plan, Optional<String> email, Source source,
                     Optional<Instant> startedAt, Optional<Instant> endedAt, Instant updatedAt, long version) {

    public enum Status { ACTIVE, ENDED }

    public enum Source { STRIPE, GIFT, IMPORT }

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }
}

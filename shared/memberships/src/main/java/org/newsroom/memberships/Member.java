package org.newsroom.memberships;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One membership. {@code id} is the payment provider's subscription id for paid memberships, {@code
 * gift-<payment>} for redeemed gifts and {@code import-<address id>} for imported members ({@link
 * ImportIds}). {@code version} is 0 for a membership not yet stored. The address, start and end are
 * optional (an end can arrive before its start); build one with {@link #builder}. {@code eventAt}
 * is the time of the latest payment event applied to it, which orders the events that start and end
 * it; {@code linkedTo}, on an {@code import-} id, names the payment provider's membership the
 * imported member became (or already was), so the person counts once.
 */
public final class Member {

    public enum Status {
        ACTIVE,
        ENDED
    }

    public enum Source {
        STRIPE,
        GIFT,
        IMPORT
    }

    private final String id;
    private final Status status;
    private final String plan;
    private final String email;
    private final Source source;
    private final Instant startedAt;
    private final Instant endedAt;
    private final Instant eventAt;
    private final String linkedTo;
    private final Instant updatedAt;
    private final long version;

    private Member(Builder builder) {
        this.id = Objects.requireNonNull(builder.id, "id");
        this.status = Objects.requireNonNull(builder.status, "status");
        this.plan = Objects.requireNonNull(builder.plan, "plan");
        this.email = builder.email;
        this.source = Objects.requireNonNull(builder.source, "source");
        this.startedAt = builder.startedAt;
        this.endedAt = builder.endedAt;
        this.eventAt = builder.eventAt;
        this.linkedTo = builder.linkedTo;
        this.updatedAt = Objects.requireNonNull(builder.updatedAt, "updatedAt");
        this.version = builder.version;
    }

    /** A membership with the required fields; address, start and end absent, version 0. */
    public static Builder builder(
            String id, Status status, String plan, Source source, Instant updatedAt) {
        Builder builder = new Builder();
        builder.id = id;
        builder.status = status;
        builder.plan = plan;
        builder.source = source;
        builder.updatedAt = updatedAt;
        return builder;
    }

    /** A builder holding this membership's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = builder(id, status, plan, source, updatedAt);
        builder.email = email;
        builder.startedAt = startedAt;
        builder.endedAt = endedAt;
        builder.eventAt = eventAt;
        builder.linkedTo = linkedTo;
        builder.version = version;
        return builder;
    }

    public String id() {
        return id;
    }

    public Status status() {
        return status;
    }

    public String plan() {
        return plan;
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    public Source source() {
        return source;
    }

    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    public Optional<Instant> eventAt() {
        return Optional.ofNullable(eventAt);
    }

    /**
     * The time of the latest event applied, for items written before it was stored: the end of an
     * ended membership, else its start.
     */
    public Instant lastEventAt() {
        if (eventAt != null) {
            return eventAt;
        }
        Instant fallback = status == Status.ENDED ? endedAt : startedAt;
        return fallback == null ? Instant.EPOCH : fallback;
    }

    public Optional<String> linkedTo() {
        return Optional.ofNullable(linkedTo);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    @Override
    public String toString() {
        // The address is personal data: never print it.
        return "Member[id=" + id + ", status=" + status + ", version=" + version + "]";
    }

    /** Builds a {@link Member}; every setter takes a present value. */
    public static final class Builder {
        private String id;
        private Status status;
        private String plan;
        private String email;
        private Source source;
        private Instant startedAt;
        private Instant endedAt;
        private Instant eventAt;
        private String linkedTo;
        private Instant updatedAt;
        private long version;

        private Builder() {}

        /** A restarted membership has no end. */
        public Builder noEnd() {
            this.endedAt = null;
            return this;
        }

        public Builder eventAt(Instant eventAt) {
            this.eventAt = Objects.requireNonNull(eventAt, "eventAt");
            return this;
        }

        public Builder linkedTo(String linkedTo) {
            this.linkedTo = Objects.requireNonNull(linkedTo, "linkedTo");
            return this;
        }

        public Builder status(Status status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        public Builder email(String email) {
            this.email = Objects.requireNonNull(email, "email");
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
            return this;
        }

        public Builder endedAt(Instant endedAt) {
            this.endedAt = Objects.requireNonNull(endedAt, "endedAt");
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

        public Member build() {
            return new Member(this);
        }
    }
}

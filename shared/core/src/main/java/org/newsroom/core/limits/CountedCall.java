package org.newsroom.core.limits;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One call that counts against its key's limit exactly once: either alone ({@link #allow()}), or as
 * one write of a transaction the caller makes anyway ({@link #update()}), which saves a round trip
 * when the call succeeds. After such a transaction commits, {@link #countedInTransaction()} records
 * it, so a later {@link #allow()} does not count it again. Not for use by several threads.
 */
public final class CountedCall {

    private final RateLimiter limiter;
    private final String key;
    private final Instant now;
    private Boolean allowed;

    CountedCall(RateLimiter limiter, String key, Instant now) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.key = Objects.requireNonNull(key, "key");
        this.now = Objects.requireNonNull(now, "now");
    }

    /**
     * Counts the call alone, the first time; false when the key's window is used up. Later calls
     * answer as the first did, and true once the call was counted in a transaction.
     */
    public boolean allow() {
        if (allowed == null) {
            allowed = limiter.allow(key, now);
        }
        return allowed;
    }

    /**
     * The count as a write for the caller's transaction ({@link RateLimiter#countingUpdate}); empty
     * when the limiter cannot count that way, or when the call was already counted.
     */
    public Optional<Update> update() {
        return allowed == null ? limiter.countingUpdate(key, now) : Optional.empty();
    }

    /** Records that a transaction with {@link #update()} committed: the call is counted. */
    public void countedInTransaction() {
        allowed = Boolean.TRUE;
    }
}

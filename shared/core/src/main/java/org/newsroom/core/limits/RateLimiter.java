package org.newsroom.core.limits;

import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Fixed-window request counting: at most a set number of calls per window for one key. Keys are
 * digests (of a client address, for example), never the raw value.
 */
public interface RateLimiter {

    /** Counts one call; false when the key has already used up its window. */
    boolean allow(String key, Instant now);

    /**
     * The count of one call of {@code key} at {@code now} as a write for the caller's own DynamoDB
     * transaction: the item, update and condition {@link #allow} would use, so the call is counted
     * exactly when the transaction commits, and a transaction cancelled on this write's condition
     * means the window is used up (and wrote nothing). Empty (the default) when this limiter does
     * not keep its counts in DynamoDB: count with {@link #allow} then.
     */
    default Optional<Update> countingUpdate(String key, Instant now) {
        return Optional.empty();
    }

    /** One call of {@code key} at {@code now}, to be counted once, alone or in a transaction. */
    default CountedCall call(String key, Instant now) {
        return new CountedCall(this, key, now);
    }
}

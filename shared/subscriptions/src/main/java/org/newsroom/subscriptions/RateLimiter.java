package org.newsroom.subscriptions;

import java.time.Instant;

/**
 * Fixed-window request counting per client: at most {@code limit} calls per window for one key.
 * Keys are digests (of an IP address, for example), never the raw value.
 */
public interface RateLimiter {

    /** Counts one call; false when the key already used up its window. */
    boolean allow(String key, Instant now);
}

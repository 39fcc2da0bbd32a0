package org.newsroom.core.limits;

import java.time.Instant;

/**
 * Fixed-window request counting: at most a set number of calls per window for one key. Keys are
 * digests (of a client address, for example), never the raw value.
 */
public interface RateLimiter {

    /** Counts one call; false when the key has already used up its window. */
    boolean allow(String key, Instant now);
}

package org.newsroom.newsletters.signup;

import java.time.Instant;
import java.util.Optional;
import org.newsroom.core.crypto.Digests;
import org.newsroom.core.limits.RateLimiter;

/**
 * The per-client signup limit. Clients are counted under a digest of their IP address, so no
 * address is stored; requests without one share the key of {@code "unknown"}.
 */
final class ClientRateLimit {

    private final RateLimiter limiter;

    ClientRateLimit(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** Counts one signup of the client; false when it has used up its window. */
    boolean allow(Optional<String> sourceIp, Instant now) {
        return limiter.allow(key(sourceIp.orElse("unknown")), now);
    }

    /**
     * The first 22 base64url characters (132 bits) of the SHA-256 of the client's address: short,
     * and the key the limit has always used, so windows open during a deploy carry over.
     */
    static String key(String client) {
        return Digests.sha256Base64Url(client).substring(0, 22);
    }
}

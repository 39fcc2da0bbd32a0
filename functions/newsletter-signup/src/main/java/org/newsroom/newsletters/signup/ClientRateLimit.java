package org.newsroom.newsletters.signup;

import java.time.Instant;
import java.util.Optional;
import org.newsroom.core.limits.ClientKeys;
import org.newsroom.core.limits.RateLimiter;

/**
 * The per-client signup limit. Clients are counted under their {@link ClientKeys} key (a keyed
 * digest of their network), so no IP address is stored.
 */
final class ClientRateLimit {

    private final RateLimiter limiter;
    private final ClientKeys keys;

    ClientRateLimit(RateLimiter limiter, ClientKeys keys) {
        this.limiter = limiter;
        this.keys = keys;
    }

    /** Counts one signup of the client; false when it has used up its window. */
    boolean allow(Optional<String> sourceIp, Instant now) {
        return limiter.allow(keys.key(sourceIp), now);
    }
}

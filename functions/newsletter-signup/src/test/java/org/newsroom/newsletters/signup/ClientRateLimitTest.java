package org.newsroom.newsletters.signup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.limits.ClientKeys;
import org.newsroom.core.limits.RateLimiter;

class ClientRateLimitTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:30:00Z");
    private static final ClientKeys KEYS =
            new ClientKeys(Pepper.of("client-rate-limit-test-pepper-0123456789"));
    private final RateLimiter limiter = mock(RateLimiter.class);

    @Test
    void allow_shouldCountTheKeyedDigestNotTheAddress() {
        String key = KEYS.key(Optional.of("203.0.113.10"));
        when(limiter.allow(key, NOW)).thenReturn(false);
        assertFalse(new ClientRateLimit(limiter, KEYS).allow(Optional.of("203.0.113.10"), NOW));
        assertFalse(key.contains("203"));
    }

    @Test
    void allow_shouldCountClientsWithoutAnAddressTogether() {
        new ClientRateLimit(limiter, KEYS).allow(Optional.empty(), NOW);
        verify(limiter).allow(KEYS.key(Optional.of("unknown")), NOW);
    }
}

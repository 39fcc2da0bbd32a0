package org.newsroom.newsletters.signup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.limits.RateLimiter;

class ClientRateLimitTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:30:00Z");
    private final RateLimiter limiter = mock(RateLimiter.class);

    @Test
    void key_shouldBeTheFirst22Base64UrlCharactersOfTheSha256_asBefore() {
        // SHA-256("203.0.113.10") in base64url, cut to 22 characters: the keys of windows already
        // stored.
        assertEquals("Yx8IFAsktydNEt88N6GoDO", ClientRateLimit.key("203.0.113.10"));
    }

    @Test
    void allow_shouldCountTheDigestNotTheAddress() {
        when(limiter.allow(ClientRateLimit.key("203.0.113.10"), NOW)).thenReturn(false);
        assertFalse(new ClientRateLimit(limiter).allow(Optional.of("203.0.113.10"), NOW));
    }

    @Test
    void allow_shouldCountClientsWithoutAnAddressTogether() {
        new ClientRateLimit(limiter).allow(Optional.empty(), NOW);
        verify(limiter).allow(ClientRateLimit.key("unknown"), NOW);
    }
}

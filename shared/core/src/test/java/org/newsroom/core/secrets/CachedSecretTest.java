package org.newsroom.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsroom.core.config.Config;

class CachedSecretTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final List<String> values = new ArrayList<>(List.of("v1"));
    private int reads;
    private final SecretSource source =
            id -> {
                reads++;
                String value = values.get(0);
                if (value == null) {
                    throw new SecretUnavailableException("unreachable");
                }
                return value;
            };

    private static final class MutableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();

    private CachedSecret<String> secret() {
        return new CachedSecret<>(source, "id", String::toUpperCase, Duration.ofMinutes(5), clock);
    }

    @Test
    void get_shouldReadOnce_whileTheValueIsFresh() {
        CachedSecret<String> secret = secret();
        assertEquals(0, reads, "nothing is read before first use");
        assertEquals("V1", secret.get());
        values.set(0, "v2");
        clock.now = NOW.plus(Duration.ofMinutes(4));
        assertEquals("V1", secret.get());
        assertEquals(1, reads);
    }

    @Test
    void get_shouldReadTheRotatedValue_afterTheTtl() {
        CachedSecret<String> secret = secret();
        secret.get();
        values.set(0, "v2");
        clock.now = NOW.plus(Duration.ofMinutes(5));
        assertEquals("V2", secret.get());
        assertEquals(2, reads);
    }

    @Test
    void refresh_shouldReadAgainAtOnce() {
        CachedSecret<String> secret = secret();
        secret.get();
        values.set(0, "v2");
        secret.refresh();
        assertEquals("V2", secret.get());
    }

    @Test
    void get_shouldKeepThePreviousValue_whenAReReadFails() {
        CachedSecret<String> secret = secret();
        secret.get();
        values.set(0, null);
        clock.now = NOW.plus(Duration.ofMinutes(6));
        assertEquals("V1", secret.get());
        assertEquals(2, reads);
        assertEquals("V1", secret.get(), "the next attempt waits another ttl");
        assertEquals(2, reads);
    }

    @Test
    void get_shouldThrow_whenTheFirstReadFails() {
        values.set(0, null);
        assertThrows(SecretUnavailableException.class, () -> secret().get());
    }

    @Test
    void secretSetting_shouldReadTheIdAndTtl_andDefaultToFiveMinutes() {
        SecretSetting defaults =
                SecretSetting.require(Config.from(Map.of("X_SECRET_ID", "arn:x")), "X_SECRET_ID");
        assertEquals(new SecretSetting("arn:x", Duration.ofMinutes(5)), defaults);
        SecretSetting shortTtl =
                SecretSetting.require(
                        Config.from(Map.of("X_SECRET_ID", "arn:x", "SECRETS_CACHE_SECONDS", "2")),
                        "X_SECRET_ID");
        assertEquals(Duration.ofSeconds(2), shortTtl.cacheTtl());
        assertEquals(
                java.util.Optional.empty(),
                SecretSetting.optional(Config.from(Map.of()), "X_SECRET_ID"));
    }
}

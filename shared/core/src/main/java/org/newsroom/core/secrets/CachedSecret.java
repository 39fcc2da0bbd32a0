package org.newsroom.core.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One secret, read on first use and kept in memory, parsed, for {@code ttl} (5 minutes by default):
 * a rotated value reaches every warm container within that time, with no deploy.
 *
 * <p>Nothing is read at construction, so a cold start (or a SnapStart snapshot) makes no call. When
 * a re-read fails (the service unreachable, or a value that does not parse) the previous value
 * keeps being served and the next attempt waits another {@code ttl}, so an outage or a mistyped
 * rotation does not take the function down; with no previous value the failure is thrown. {@link
 * #refresh()} forgets the value: the hook to call after a SnapStart restore, so a restored snapshot
 * never serves a secret read before the snapshot was taken.
 */
public final class CachedSecret<T> implements Supplier<T> {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    // Every live instance, weakly, so a SnapStart restore can forget them all (refreshAll).
    private static final Set<CachedSecret<?>> LIVE =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private record Entry<T>(T value, Instant readAt) {}

    private final SecretSource source;
    private final String secretId;
    private final Function<String, T> parser;
    private final Duration ttl;
    private final Clock clock;
    private volatile Entry<T> entry;

    public CachedSecret(
            SecretSource source,
            String secretId,
            Function<String, T> parser,
            Duration ttl,
            Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.secretId = Objects.requireNonNull(secretId, "secretId");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        LIVE.add(this);
    }

    /** The parsed value, read again when the cached one is older than the ttl. */
    @Override
    public T get() {
        Instant now = clock.instant();
        Entry<T> current = entry;
        if (fresh(current, now)) {
            return current.value();
        }
        synchronized (this) {
            current = entry;
            if (fresh(current, now)) {
                return current.value();
            }
            try {
                T value = parser.apply(source.read(secretId));
                entry = new Entry<>(value, now);
                return value;
            } catch (RuntimeException e) {
                if (current == null) {
                    throw e;
                }
                entry = new Entry<>(current.value(), now);
                return current.value();
            }
        }
    }

    /** Forgets the cached value: the next {@link #get()} reads the secret again. */
    public void refresh() {
        entry = null;
    }

    /** Whether any secret is open in this JVM (SnapStart priming builds their client then). */
    public static boolean anyOpen() {
        return !LIVE.isEmpty();
    }

    /**
     * Forgets the cached value of every instance in this JVM: what {@code Priming} calls once it
     * has primed (so no value is kept into a SnapStart snapshot) and after each restore.
     */
    public static void refreshAll() {
        synchronized (LIVE) {
            LIVE.forEach(CachedSecret::refresh);
        }
    }

    public String secretId() {
        return secretId;
    }

    private boolean fresh(Entry<T> candidate, Instant now) {
        return candidate != null && now.isBefore(candidate.readAt().plus(ttl));
    }
}

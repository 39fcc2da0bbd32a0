package org.newsroom.core.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One secret, read on first use and kept in memory, parsed, for {@code ttl} (5 minutes by default):
 * a rotated value reaches every warm container within that time, with no deploy.
 *
 * <p>Nothing is read at construction, so a cold start (or a SnapStart snapshot) makes no call,
 * unless the secret is {@linkplain #readAhead(boolean) read ahead}: a secret every request needs is
 * read on a background thread while the handler is built and the first event parsed, and the first
 * {@link #get()} waits for that read. When a re-read fails (the service unreachable, or a value
 * that does not parse) the previous value keeps being served and the next attempt waits another
 * {@code ttl}, so an outage or a mistyped rotation does not take the function down; with no
 * previous value the failure is thrown. A failed read ahead is followed by one read at first use,
 * the read a first use without it would make (the read ahead may only have been cut off, by a
 * container frozen between requests); when that read fails too, its failure is thrown with the read
 * ahead's suppressed in it. {@link #refresh()} forgets the value: the hook to call after a
 * SnapStart restore, so a restored snapshot never serves a secret read before the snapshot was
 * taken.
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
    private volatile boolean readAhead;
    // The read started ahead of the first use, until that use takes its outcome; guarded by this.
    private FutureTask<Entry<T>> pending;

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

    /**
     * Marks this secret as one every request needs: it is read on a background thread after each
     * SnapStart restore ({@link #refreshAll()}) and, when {@code now}, from this moment (not while
     * Lambda initialises a JVM for a snapshot: the value would be in it). The next {@link #get()}
     * waits for that read rather than starting another.
     */
    public CachedSecret<T> readAhead(boolean now) {
        readAhead = true;
        if (now) {
            startReadAhead();
        }
        return this;
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
            FutureTask<Entry<T>> ahead = pending;
            pending = null;
            try {
                Entry<T> read = null;
                RuntimeException aheadFailed = null;
                if (ahead != null) {
                    try {
                        read = outcome(ahead);
                    } catch (RuntimeException e) {
                        aheadFailed = e;
                    }
                }
                if (!fresh(read, now)) {
                    read = readNow(now, aheadFailed);
                }
                entry = read;
                return read.value();
            } catch (RuntimeException e) {
                if (current == null) {
                    throw e;
                }
                entry = new Entry<>(current.value(), now);
                return current.value();
            }
        }
    }

    /** Forgets the cached value, and any read ahead: the next {@link #get()} reads it again. */
    public synchronized void refresh() {
        entry = null;
        pending = null;
    }

    /** Whether any secret is open in this JVM (SnapStart priming builds their client then). */
    public static boolean anyOpen() {
        return !LIVE.isEmpty();
    }

    /**
     * Forgets the cached value of every instance in this JVM, then starts reading again those read
     * ahead: what {@code Priming} calls after a SnapStart restore.
     */
    public static void refreshAll() {
        for (CachedSecret<?> secret : live()) {
            secret.refresh();
            if (secret.readAhead) {
                secret.startReadAhead();
            }
        }
    }

    /**
     * Waits for every read in flight, then forgets every value: what {@code Priming} calls before a
     * SnapStart snapshot, so none is in it and no read is cut off by it.
     */
    public static void forgetAll() {
        for (CachedSecret<?> secret : live()) {
            secret.forget();
        }
    }

    public String secretId() {
        return secretId;
    }

    SecretSource source() {
        return source;
    }

    private static List<CachedSecret<?>> live() {
        synchronized (LIVE) {
            return new ArrayList<>(LIVE);
        }
    }

    /**
     * One read by the caller. After a failed read ahead this is the read a first use without it
     * would make; should it fail too, the read ahead's failure goes with it, suppressed.
     */
    private Entry<T> readNow(Instant now, RuntimeException aheadFailed) {
        try {
            return new Entry<>(parser.apply(source.read(secretId)), now);
        } catch (RuntimeException e) {
            if (aheadFailed != null && aheadFailed != e) {
                e.addSuppressed(aheadFailed);
            }
            throw e;
        }
    }

    private synchronized void startReadAhead() {
        if (pending != null || fresh(entry, clock.instant())) {
            return;
        }
        Instant started = clock.instant();
        FutureTask<Entry<T>> read =
                new FutureTask<>(() -> new Entry<>(parser.apply(source.read(secretId)), started));
        Thread thread = new Thread(read, "secret-read-ahead");
        thread.setDaemon(true);
        thread.start();
        pending = read;
    }

    private synchronized void forget() {
        if (pending != null) {
            try {
                outcome(pending);
            } catch (RuntimeException e) {
                // Forgotten like a value: the read after the restore reports its own failure.
            }
        }
        refresh();
    }

    /** What the read ahead gave, waiting for it: its value, or what it threw. */
    private Entry<T> outcome(FutureTask<Entry<T>> read) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return read.get();
                } catch (InterruptedException e) {
                    // The read gives up by itself (the client's call timeout).
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new SecretUnavailableException("Could not read secret " + secretId, cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean fresh(Entry<T> candidate, Instant now) {
        return candidate != null && now.isBefore(candidate.readAt().plus(ttl));
    }
}

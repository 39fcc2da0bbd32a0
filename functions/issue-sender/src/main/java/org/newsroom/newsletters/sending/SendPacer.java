package org.newsroom.newsletters.sending;

import org.newsroom.core.time.Sleeper;

/**
 * Spaces sends evenly at a rate per second, and halves the rate after SES throttles (for the rest
 * of the invocation). Not thread-safe: one per invocation.
 */
final class SendPacer {

    private final Sleeper sleeper;
    private long intervalNanos;
    private long next;

    SendPacer(double perSecond, Sleeper sleeper) {
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
        this.sleeper = sleeper;
        this.next = System.nanoTime();
    }

    /** Blocks until the next send may start. */
    void acquire() {
        long now = System.nanoTime();
        if (next > now) {
            try {
                sleeper.sleep((next - now) / 1_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now = next;
        }
        next = now + intervalNanos;
    }

    void slowDown() {
        intervalNanos = Math.min(intervalNanos * 2, 10_000_000_000L);
    }
}

package org.newsroom.newsletters.mailer;

import java.time.Duration;
import java.time.Instant;
import org.newsroom.core.limits.RateLimiter;

/**
 * The global hourly budget of confirmation emails, every address together: past it, new sends are
 * held (not dropped) until the hour rolls over, so a bot signing up thousands of strangers costs
 * the sender's reputation an hour's budget at most.
 */
public final class ConfirmationBudget {

    /** The budget's fixed window. */
    static final Duration WINDOW = Duration.ofHours(1);

    /** The one key every confirmation is counted under. */
    static final String KEY = "confirmations";

    private final RateLimiter limiter;

    /** A budget counted by {@code limiter} (one window per hour); null holds every send. */
    private ConfirmationBudget(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** {@code perHour} sends an hour counted by {@code limiter}; 0 holds every send (a pause). */
    public static ConfirmationBudget of(int perHour, RateLimiter limiter) {
        return new ConfirmationBudget(perHour <= 0 ? null : limiter);
    }

    /** Takes one send from this hour's budget; false when it is spent (the send waits). */
    public boolean tryTake(Instant now) {
        return limiter != null && limiter.allow(KEY, now);
    }
}

package org.newsroom.newsletters.mailer;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a held send waits before its record goes back to the stream for a retry: {@code pause}, cut
 * to end {@link #TIMEOUT_MARGIN} before the invocation times out. The wait keeps the mapping from
 * retrying a held record in a tight loop while the hour's budget is spent.
 *
 * @param pause the wait, at most
 * @param sleeper what waits (a sleep when deployed, a recorder in tests)
 */
public record HoldPause(Duration pause, Consumer<Duration> sleeper) {

    /** Time kept back from the invocation's remaining time. */
    static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(5);

    /** Waits the pause, within the invocation's remaining time when {@code context} tells it. */
    void await(Context context) {
        Duration wait = pause;
        if (context != null) {
            Duration left =
                    Duration.ofMillis(context.getRemainingTimeInMillis()).minus(TIMEOUT_MARGIN);
            if (left.compareTo(wait) < 0) {
                wait = left.isNegative() ? Duration.ZERO : left;
            }
        }
        sleeper.accept(wait);
    }

    /** A pause that sleeps the thread. */
    static HoldPause sleeping(Duration pause) {
        return new HoldPause(pause, HoldPause::sleep);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.newsroom.subscriptions;

import java.time.Duration;
import java.time.Instant;
import org.newsroom.core.config.Config;

/**
 * How many confirmation emails one inbox may receive, so the signup form cannot be used to flood
 * someone's inbox. Keyed on the mailbox id ({@code AddressKeys#mailboxId}), so {@code victim+1@}
 * and {@code victim+2@} share one cap.
 */
public interface SendCap {

    /**
     * At most one send per {@code minInterval} and at most {@code perDay} sends in 24 hours; a
     * {@code perDay} of 0 sends nothing.
     */
    record Rules(Duration minInterval, int perDay) {

        /** One email per 10 minutes, three a day. */
        public static final Rules DEFAULT = new Rules(Duration.ofMinutes(10), 3);

        /**
         * The rules from {@code CONFIRM_MIN_INTERVAL_SECONDS} and {@code CONFIRM_MAX_PER_DAY}
         * (0-100), {@link #DEFAULT} where unset: the one cap every function that mails a reader on
         * request shares.
         */
        public static Rules from(Config config) {
            return new Rules(
                    config.getSeconds("CONFIRM_MIN_INTERVAL_SECONDS", DEFAULT.minInterval()),
                    config.getInt("CONFIRM_MAX_PER_DAY", DEFAULT.perDay(), 0, 100));
        }
    }

    /**
     * Takes one send for the mailbox if the rules allow it now; false otherwise. Taking it again
     * for the same {@code requestId} (a retried send) is true and counts nothing more.
     */
    boolean tryAcquire(String mailboxId, String requestId, Rules rules, Instant now);

    /** Forgets everything the cap keeps about the mailbox (part of erasure). */
    void forget(String mailboxId);
}

package org.newsroom.subscriptions;

import java.time.Duration;
import java.time.Instant;

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
    }

    /**
     * Takes one send for the mailbox if the rules allow it now; false otherwise. Taking it again
     * for the same {@code requestId} (a retried send) is true and counts nothing more.
     */
    boolean tryAcquire(String mailboxId, String requestId, Rules rules, Instant now);

    /** Forgets everything the cap keeps about the mailbox (part of erasure). */
    void forget(String mailboxId);
}

package org.newsroom.subscriptions;

import java.time.Duration;
import java.time.Instant;

/**
 * How many confirmation emails one address may receive, so the signup form cannot be used to flood
 * someone's inbox.
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

    /** Takes one send for the address if the rules allow it now; false otherwise. */
    boolean tryAcquire(String addressId, Rules rules, Instant now);

    /** Forgets everything the cap keeps about the address (part of erasure). */
    void forget(String addressId);
}

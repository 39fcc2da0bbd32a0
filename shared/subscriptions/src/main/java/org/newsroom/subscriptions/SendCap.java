package org.newsroom.subscriptions;

import java.time.Instant;

/**
 * How many confirmation emails one address may receive: at most one per minimum interval
 * (10 minutes by default) and at most a number per day (3 by default), so the signup form
 * cannot be used to flood someone's inbox.
 */
public interface SendCap {

    /** Takes one send for the address if the cap allows it now; false otherwise. */
    boolean tryAcquire(String addressId, Instant now);
}

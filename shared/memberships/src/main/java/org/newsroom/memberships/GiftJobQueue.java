package org.newsroom.memberships;

import java.time.Instant;
import java.util.List;

/**
 * The gift jobs waiting to run: recipient and receipt emails, and the ends of gift memberships. A
 * job is claimed before it runs, so when runs overlap only one runs it.
 */
public interface GiftJobQueue {

    /** Jobs due at {@code now}, oldest first, at most {@code limit} (never a scan). */
    List<GiftJob> due(Instant now, int limit);

    /** Takes {@code job} so no other run does it: succeeds for exactly one caller. */
    boolean claim(GiftJob job, Instant now);

    /**
     * Takes a recipient job and, in the same transaction, issues the code: {@code gift} must still
     * be PAID or ISSUED at its version; a previous, undelivered code stops working.
     */
    boolean claimIssuingCode(GiftJob job, Gift gift, String newCodeHash, Instant now);

    /** Puts a claimed job back, to be tried again at {@code retryAt}, counting the attempt. */
    void release(GiftJob job, Instant retryAt);

    /** Forgets a job that was done, or that no longer applies. */
    void delete(GiftJob job);
}

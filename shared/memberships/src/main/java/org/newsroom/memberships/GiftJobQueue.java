package org.newsroom.memberships;

import java.time.Instant;
import java.util.List;

/**
 * The gift jobs waiting to run: recipient and receipt emails, the buyer's request for a corrected
 * recipient address, and the ends of gift memberships.
 *
 * <p>A run takes a job with a <em>lease</em>: the claim moves the job's due time to the end of the
 * lease instead of removing it, so a run that dies between the claim and the send (a crash, a
 * timeout) leaves a job that becomes due again when the lease ends. Only {@link #delete} (the job
 * was done) takes a job away for good. Each claim counts an attempt; a job that has used up its
 * attempts is moved to the dead letters, where it waits for an operator ({@link #retry}).
 */
public interface GiftJobQueue {

    /** Jobs due at {@code now}, oldest first, at most {@code limit} (never a scan). */
    List<GiftJob> due(Instant now, int limit);

    /**
     * Takes {@code job} until {@code leaseUntil}, counting an attempt: succeeds for exactly one of
     * the runs that read it at the same due time.
     */
    boolean claim(GiftJob job, Instant now, Instant leaseUntil);

    /**
     * Takes a recipient job as {@link #claim} does and, in the same transaction, issues the code:
     * {@code gift} must still be PAID or ISSUED at its version; a previous code stops working.
     */
    boolean claimIssuingCode(
            GiftJob job, Gift gift, String newCodeHash, Instant now, Instant leaseUntil);

    /** Makes a claimed job due again at {@code retryAt} (sooner or later than its lease end). */
    void release(GiftJob job, Instant retryAt);

    /** Forgets a job that was done, or that no longer applies. */
    void delete(GiftJob job);

    /**
     * Moves a job that kept failing to the dead letters, on condition that it is still due at
     * {@code dueAt} (as this run read or leased it): it is never due again until {@link #retry}.
     * {@code reason} is a short error type, never personal data. False when another run moved the
     * job first.
     */
    boolean deadLetter(GiftJob job, Instant dueAt, Instant now, String reason);

    /** The dead-lettered jobs, oldest first, at most {@code limit} (never a scan). */
    List<GiftJob> deadLettered(int limit);

    /**
     * Recipient mails waiting for a corrected address (their gift's recipient address was not
     * valid), oldest first, at most {@code limit} (never a scan).
     */
    List<GiftJob> awaitingAddress(int limit);

    /**
     * Makes a dead-lettered job due at {@code now} with its attempts reset; false when there is no
     * such dead letter.
     */
    boolean retry(String giftId, GiftJob.Kind kind, Instant now);
}

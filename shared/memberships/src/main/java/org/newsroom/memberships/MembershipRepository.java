package org.newsroom.memberships;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The memberships table: members, processed event ids, gifts, gift mail jobs, gift code
 * lookups, sharded counters and rate-limit windows. Every write that changes who is a member
 * changes the counters in the same transaction, conditioned on the version that was read, so
 * counts stay exact under retries and concurrency.
 */
public interface MembershipRepository {

    Optional<Member> findMember(String id);

    /**
     * Writes {@code member} (expected to be at {@code member.version()}, 0 meaning absent), marks
     * {@code eventId} as processed when present, and applies {@code delta} to the counters,
     * all in one transaction.
     */
    WriteResult writeMember(Optional<String> eventId, Member member, CounterDelta delta);

    /** Records an event id as processed without any other change (an ignored or no-op event). */
    WriteResult markEvent(String eventId);

    Optional<Gift> findGift(String id);

    /**
     * Writes {@code gift} (expected at {@code gift.version()}), marks the event, creates the given
     * mail jobs, and when {@code revoke} is set deletes the gift's pending mail jobs. One
     * transaction. (Code lookups stay, so a refunded or redeemed code gets a precise answer.)
     */
    WriteResult writeGift(Optional<String> eventId, Gift gift, List<MailJob> newJobs, boolean revoke);

    /** The gift a code hash belongs to, read strongly consistently. */
    Optional<String> findGiftIdByCode(String codeHash);

    /**
     * Marks {@code gift} redeemed (it must still be ISSUED with this code at its version and
     * unexpired at {@code now}), creates {@code member} and applies {@code delta}. One transaction.
     */
    WriteResult redeemGift(Gift gift, String codeHash, Instant now, Member member, CounterDelta delta, MailJob membershipEnd);

    /** Mail jobs due at {@code now}, oldest first, from the sparse due-mail index (never a scan). */
    List<MailJob> dueMailJobs(Instant now, int limit);

    /**
     * Takes a job so no other run sends it: succeeds for exactly one caller. For a recipient
     * job it also issues the code (the gift must be PAID or ISSUED at its version; a previous,
     * undelivered code stops working).
     */
    boolean claimMailJob(MailJob job, Optional<Gift> issueCodeFor, Optional<String> newCodeHash, Instant now);

    /** Puts a claimed job back to be tried again at {@code retryAt}. */
    void releaseMailJob(MailJob job, Instant retryAt);

    /** Forgets a job that was sent, or that no longer applies. */
    void deleteMailJob(MailJob job);

    /** Current values of the named counters: each the sum of all its shards; 0 when never written. */
    Map<String, Long> readCounters(Collection<String> names);

    /**
     * Counts one attempt in a fixed window named {@code key} and returns the attempts so far
     * in it, the item expiring after {@code windowEnd}.
     */
    long countAttempt(String key, Instant windowEnd);
}

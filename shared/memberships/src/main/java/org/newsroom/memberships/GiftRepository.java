package org.newsroom.memberships;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Gift purchases and the lookup from a code's hash to its gift. Each write is one conditional
 * transaction with everything it implies (the event marker, the gift's jobs, the membership a
 * redemption creates and its counters). Code lookups outlive refunds and redemptions, so a used
 * code gets a precise answer.
 */
public interface GiftRepository {

    Optional<Gift> findGift(String id);

    /**
     * Writes {@code gift} (expected at {@code gift.version()}), marks {@code eventId} and queues
     * {@code jobs}. One transaction.
     */
    default WriteResult writeGift(String eventId, Gift gift, List<GiftJob> jobs) {
        return writeGift(eventId, gift, jobs, List.of());
    }

    /**
     * The same, and puts {@code awaitingAddress} (recipient mails of a gift whose recipient address
     * was not valid) on the list of jobs waiting for a corrected address instead of the due list.
     */
    WriteResult writeGift(
            String eventId, Gift gift, List<GiftJob> jobs, List<GiftJob> awaitingAddress);

    /**
     * Writes {@code gift} (with its corrected recipient address, expected at {@code
     * gift.version()}) and makes {@code recipientMail} due, replacing the job wherever it was
     * (waiting for the address, dead-lettered, or due). One transaction.
     */
    WriteResult correctRecipient(Gift gift, GiftJob recipientMail);

    /**
     * Writes {@code gift} (a refunded one, expected at {@code gift.version()}), marks {@code
     * eventId} and deletes the gift's pending jobs. One transaction.
     */
    WriteResult revokeGift(String eventId, Gift gift);

    /** The gift a code hash belongs to, read strongly consistently. */
    Optional<String> findGiftIdByCode(String codeHash);

    /**
     * Marks gift {@code giftId} redeemed by {@code email} at {@code now} without reading it first:
     * it must still be ISSUED with this code and unexpired at {@code now}. In the same transaction
     * creates {@code member} (at its version), applies {@code delta} and queues the membership's
     * end. When the gift's conditions refuse it, the result holds the gift as the write found it,
     * which tells why; when another part of the write met a concurrent change, a new attempt may
     * succeed.
     */
    RedemptionWrite redeemGift(
            String giftId,
            String codeHash,
            String email,
            Instant now,
            Member member,
            CounterDelta delta,
            GiftJob membershipEnd);
}

package org.newsroom.memberships;

import java.time.Instant;
import java.util.Objects;

/**
 * One scheduled piece of work for a gift: an email waiting to be sent (the code to the recipient,
 * the receipt note to the buyer, the request to the buyer for a corrected recipient address), or
 * the end of a redeemed gift membership when its term is over. {@code attempts} counts the claims
 * so far (a claim whose run died counts too); {@code dueAt} is when it is due, the end of the lease
 * of a claimed job, or, for a dead letter, when it was given up.
 */
public record GiftJob(String giftId, Kind kind, Instant dueAt, int attempts) {

    public enum Kind {
        /** The recipient's email with the gift code (the code is issued when it is sent). */
        RECIPIENT_MAIL,
        /** The buyer's receipt note; it never carries the code. */
        RECEIPT_MAIL,
        /** Not an email: the gift membership's term is over and it stops counting. */
        MEMBERSHIP_END,
        /** The buyer's email asking for a corrected recipient address. */
        ADDRESS_REQUEST
    }

    public GiftJob {
        Objects.requireNonNull(giftId, "giftId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    /** A job not tried yet. */
    public static GiftJob due(String giftId, Kind kind, Instant dueAt) {
        return new GiftJob(giftId, kind, dueAt, 0);
    }
}

package org.newsroom.memberships;

import java.time.Instant;

/**
 * One scheduled gift job: an email waiting to be sent (the code to the recipient, the receipt
 * note to the buyer), or the end of a redeemed gift membership when its term is over.
 */
public record MailJob(String giftId, Kind kind, Instant dueAt, int attempts) {

    public enum Kind {
        RECIPIENT,
        RECEIPT,
        /** Not an email: the gift membership's term is over and it stops counting. */
        MEMBERSHIP_END
    }
}

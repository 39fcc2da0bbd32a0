package org.newsroom.memberships;

import java.time.Instant;

/** One gift email waiting to be sent: the code to the recipient, or the receipt note to the buyer. */
public record MailJob(String giftId, Kind kind, Instant dueAt, int attempts) {

    public enum Kind { RECIPIENT, RECEIPT }
}

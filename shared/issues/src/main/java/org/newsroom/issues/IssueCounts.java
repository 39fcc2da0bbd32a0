package org.newsroom.issues;

/**
 * Delivery counts of one issue. {@code recipients} grows while the audience is read page by page;
 * every recipient ends in exactly one of the other four.
 *
 * @param suppressed bounced or complained before their email went out
 * @param skipped unsubscribed (or no longer confirmed) between the audience read and their email
 */
public record IssueCounts(long recipients, long sent, long failed, long suppressed, long skipped) {

    public static final IssueCounts NONE = new IssueCounts(0, 0, 0, 0, 0);

    /** Recipients with an outcome. */
    public long done() {
        return sent + failed + suppressed + skipped;
    }

    public IssueCounts plus(IssueCounts other) {
        return new IssueCounts(
                recipients + other.recipients,
                sent + other.sent,
                failed + other.failed,
                suppressed + other.suppressed,
                skipped + other.skipped);
    }
}

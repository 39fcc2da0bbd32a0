package org.newsroom.issues;

import java.time.Instant;
import java.util.Optional;

/**
 * One issue of a newsletter as stored (without its bodies, see {@link IssueContent}).
 *
 * @param newsletterName the newsletter's name when the issue was written (footer and List-Id)
 * @param pagesDone audience pages already fanned out to the send queue
 * @param dispatched every audience page has been fanned out: {@code counts.recipients} is final
 */
public record Issue(
        String newsletter,
        String issueId,
        String newsletterName,
        String subject,
        IssueStatus status,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> sendAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        IssueCounts counts,
        long pagesDone,
        boolean dispatched) {

    /** Every recipient has an outcome and the audience has been read to the end. */
    public boolean complete() {
        return dispatched && counts.done() >= counts.recipients();
    }
}

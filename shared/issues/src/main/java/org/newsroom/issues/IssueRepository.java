package org.newsroom.issues;

import java.time.Instant;
import java.util.Optional;

/**
 * Issues, their content and their delivery ledger. Every state change is a conditional write, so
 * concurrent or repeated requests and duplicated queue messages change things once.
 */
public interface IssueRepository {

    /** Stores a new draft (summary and content together). */
    void create(Issue draft, IssueContent content);

    Optional<Issue> find(String newsletter, String issueId);

    Optional<IssueContent> content(String newsletter, String issueId);

    /**
     * Newest first; {@code cursor} is a {@link IssuePage#next()} value or empty for the first page.
     */
    IssuePage list(String newsletter, int limit, Optional<String> cursor);

    /**
     * Replaces the content of a draft or scheduled issue.
     *
     * @throws IssueNotEditableException when it is sending or sent
     */
    Issue edit(String newsletter, String issueId, IssueContent content, Instant now);

    /**
     * Moves a draft to scheduled (with {@code sendAt}) or sending; any other issue is returned as
     * it is, so asking twice changes nothing.
     */
    Issue requestSend(String newsletter, String issueId, Optional<Instant> sendAt, Instant now);

    /** Scheduled to sending; false when it is not (any more) scheduled. */
    boolean start(String newsletter, String issueId, Instant now);

    /**
     * Records that audience page {@code page} was fanned out with {@code recipients} readers;
     * {@code last} when it was the final page. Empty when that page was recorded already.
     */
    Optional<Issue> recordPage(
            String newsletter, String issueId, long page, long recipients, boolean last);

    /**
     * Adds one batch's outcomes to the issue's counts, once per batch id whatever the number of
     * calls. Returns the issue after the change, or empty when the batch was counted already.
     */
    Optional<Issue> countBatch(
            String newsletter, String issueId, String batchId, IssueCounts outcomes, Instant now);

    /** Sending to sent, with the finish time; false when it is not sending. */
    boolean finish(String newsletter, String issueId, Instant now);

    /**
     * Claims the delivery of an issue to one address: the entry is written (state SENDING) only
     * when there is none, else the existing entry is returned and nothing is written.
     */
    Optional<Delivery> claim(String issueId, String addressId, Instant now);

    /** Records a final outcome where there is no entry yet; else returns the existing entry. */
    Optional<Delivery> recordOutcome(
            String issueId, String addressId, DeliveryState state, Instant now);

    /**
     * Ends a claim with its outcome. With {@code claimedBefore} set, only a claim older than that
     * (a sender that crashed) is ended. False when the entry is not SENDING (as required).
     */
    boolean completeClaim(
            String issueId,
            String addressId,
            DeliveryState state,
            Instant now,
            Optional<Instant> claimedBefore);

    /** Deletes a claim whose send failed in a way worth retrying. */
    void releaseClaim(String issueId, String addressId);

    /**
     * Stores an editor's request for a test copy of an issue, with the address to send it to (the
     * send queue's message names it by {@code copyId} only). Expires on its own after {@link
     * IssueItems#TEST_COPY_RETENTION}.
     */
    void requestTestCopy(String issueId, String copyId, String address, Instant now);

    /** The address of a test-copy request; empty when it was sent, refused or has expired. */
    Optional<String> testCopyAddress(String issueId, String copyId);

    /** Deletes a test-copy request (and the address in it) once its copy has an outcome. */
    void forgetTestCopy(String issueId, String copyId);
}

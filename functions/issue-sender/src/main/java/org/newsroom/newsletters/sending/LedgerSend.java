package org.newsroom.newsletters.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.newsroom.issues.Delivery;
import org.newsroom.issues.DeliveryState;
import org.newsroom.issues.IssueRepository;
import org.newsroom.mail.MailException;

/**
 * One email sent at most once through the issue's delivery ledger, however often SQS delivers its
 * job or Lambda retries the function: its ledger entry (a reader's address id, or a test copy's
 * claim id) is claimed with a conditional write before the email goes out. A second attempt finds
 * the claim: a final one means the email was sent or refused; a fresh one belongs to another sender
 * still at it; one older than the lease belongs to a sender that crashed mid-send, so the email may
 * have left and is never sent again (it counts as failed). A send that failed in a way worth
 * retrying, and that cannot have reached SES, releases the claim; one that may have reached SES (a
 * timeout) is never repeated. Readers' deliveries and editors' test copies both go through here.
 */
final class LedgerSend {

    /** What became of the email. */
    enum Outcome {
        /** Sent now. */
        SENT,
        /** Refused for good now, or given up on (a retry could send it twice). */
        FAILED,
        /** A claim older than the lease, left by a crashed sender, completed as failed now. */
        ABANDONED,
        /** Finished before this attempt: {@link Result#earlier} says how. */
        FINISHED_BEFORE,
        /** Another sender holds a fresh claim on it. */
        HELD,
        /** Not sent and the claim released: SES may take it later (throttling, an outage). */
        RELEASED
    }

    /** The outcome; {@code earlier} is the entry's final state when FINISHED_BEFORE, else null. */
    record Result(Outcome outcome, DeliveryState earlier) {}

    /** Renders and sends the email; called only once the claim is held. */
    interface Send {
        void send() throws MailException;
    }

    private final IssueRepository issues;
    private final Duration claimLease;
    private final Clock clock;

    LedgerSend(IssueRepository issues, Duration claimLease, Clock clock) {
        this.issues = issues;
        this.claimLease = claimLease;
        this.clock = clock;
    }

    /**
     * Claims {@code claimId} in the ledger of {@code issueId} at {@code now} and sends; RELEASED is
     * never the outcome of the {@code lastAttempt}.
     */
    Result send(String issueId, String claimId, Instant now, boolean lastAttempt, Send send) {
        Optional<Delivery> existing = issues.claim(issueId, claimId, now);
        if (existing.isPresent()) {
            DeliveryState state = existing.get().state();
            if (state != DeliveryState.SENDING) {
                return new Result(Outcome.FINISHED_BEFORE, state);
            }
            if (issues.completeClaim(
                    issueId,
                    claimId,
                    DeliveryState.FAILED,
                    now,
                    Optional.of(now.minus(claimLease)))) {
                return new Result(Outcome.ABANDONED, null);
            }
            return new Result(Outcome.HELD, null);
        }
        try {
            send.send();
        } catch (MailException e) {
            if (e.retryable() && !e.mayHaveBeenSent() && !lastAttempt) {
                issues.releaseClaim(issueId, claimId);
                return new Result(Outcome.RELEASED, null);
            }
            issues.completeClaim(
                    issueId, claimId, DeliveryState.FAILED, clock.instant(), Optional.empty());
            return new Result(Outcome.FAILED, null);
        }
        issues.completeClaim(
                issueId, claimId, DeliveryState.SENT, clock.instant(), Optional.empty());
        return new Result(Outcome.SENT, null);
    }
}

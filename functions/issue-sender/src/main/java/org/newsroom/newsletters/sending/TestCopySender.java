package org.newsroom.newsletters.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.log.Metrics;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueItems;
import org.newsroom.issues.IssueRepository;
import org.newsroom.issues.SendJob;
import org.newsroom.mail.Email;
import org.newsroom.mail.MailSender;
import org.newsroom.mail.MailSettings;
import org.newsroom.subscriptions.LinkTokens;

/**
 * The {@code test_copy} job: one copy of an issue to the address an editor gave, rendered as
 * readers get it with the subject marked as a test and the test address's own unsubscribe link
 * (harmless when it is not subscribed).
 *
 * <p>Sent at most once per job, however often SQS delivers the message or the function is retried:
 * the copy has its own ledger entry ({@link IssueItems#testCopyClaimId}) and goes through {@link
 * LedgerSend} exactly as a reader's delivery does (a copy another sender still holds is retried
 * later). Once the copy has an outcome the stored request, the one place its address is kept, is
 * deleted; a job whose request is gone has nothing left to do.
 */
final class TestCopySender {

    private final IssueRepository issues;
    private final MailSender mail;
    private final MailSettings mailSettings;
    private final LinkTokens tokens;
    private final AddressKeys addressKeys;
    private final String linkBase;
    private final LedgerSend ledger;
    private final Clock clock;
    private final Metrics metrics;

    TestCopySender(
            IssueRepository issues,
            MailSender mail,
            MailSettings mailSettings,
            LinkTokens tokens,
            AddressKeys addressKeys,
            String linkBase,
            Duration claimLease,
            Clock clock,
            Metrics metrics) {
        this.issues = issues;
        this.mail = mail;
        this.mailSettings = mailSettings;
        this.tokens = tokens;
        this.addressKeys = addressKeys;
        this.linkBase = linkBase;
        this.ledger = new LedgerSend(issues, claimLease, clock);
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Sends the copy {@code job} names. RETRY when SES may take it later (throttling, an outage),
     * so SQS delivers the job again; never on the last attempt.
     */
    IssueSender.Result send(SendJob job, boolean lastAttempt, SendPacer pacer) {
        String issueId = job.issueId();
        String copyId = job.copyId();
        String claimId = IssueItems.testCopyClaimId(copyId);
        Optional<String> stored = issues.testCopyAddress(issueId, copyId);
        if (stored.isEmpty()) {
            return IssueSender.Result.DONE;
        }
        Optional<EmailAddress> to = stored.flatMap(EmailAddress::parse);
        Optional<Issue> issue = issues.find(job.newsletter(), issueId);
        // Read at each copy, never cached: editors test a draft, change it and test it again.
        Optional<IssueContent> content =
                issue.isPresent() ? issues.content(job.newsletter(), issueId) : Optional.empty();
        if (to.isEmpty() || content.isEmpty()) {
            return refused(issueId, copyId);
        }
        Instant now = clock.instant();
        LedgerSend.Result result =
                ledger.send(
                        issueId,
                        claimId,
                        now,
                        lastAttempt,
                        () -> {
                            pacer.acquire();
                            mail.send(render(issue.get(), content.get(), to.get(), now));
                        });
        return switch (result.outcome()) {
            case SENT -> {
                issues.forgetTestCopy(issueId, copyId);
                metrics.count("IssueTestEmailsSent");
                yield IssueSender.Result.DONE;
            }
            case FAILED -> refused(issueId, copyId);
            case ABANDONED, FINISHED_BEFORE -> {
                issues.forgetTestCopy(issueId, copyId);
                yield IssueSender.Result.DONE;
            }
            case HELD -> IssueSender.Result.RETRY;
            case RELEASED -> {
                pacer.slowDown();
                yield IssueSender.Result.RETRY;
            }
        };
    }

    /** A copy that will not go (refused for good, or nothing left to send): not retried. */
    private IssueSender.Result refused(String issueId, String copyId) {
        issues.forgetTestCopy(issueId, copyId);
        metrics.count("IssueTestEmailsFailed");
        return IssueSender.Result.DONE;
    }

    private Email render(Issue issue, IssueContent content, EmailAddress to, Instant now) {
        return IssueSender.render(
                mailSettings,
                tokens,
                linkBase,
                issue,
                content,
                addressKeys.id(to),
                to.value(),
                now,
                true);
    }
}

package org.newsroom.newsletters.issues;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueCounts;
import org.newsroom.issues.IssueEmail;
import org.newsroom.issues.IssuePage;
import org.newsroom.issues.IssueRepository;
import org.newsroom.issues.IssueStatus;
import org.newsroom.issues.SendJob;
import org.newsroom.issues.SendQueue;
import org.newsroom.subscriptions.Newsletter;

/** What editors do with issues: write, edit, list, ask for a test copy, send. No HTTP here. */
final class IssueService {

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd't'HHmmss'z'").withZone(ZoneOffset.UTC);
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IssueRepository issues;
    private final SendQueue queue;

    IssueService(IssueRepository issues, SendQueue queue) {
        this.issues = issues;
        this.queue = queue;
    }

    Issue create(Newsletter newsletter, IssueContent content, Instant now) {
        Issue draft =
                new Issue(
                        newsletter.id(),
                        newIssueId(now),
                        newsletter.name(),
                        content.subject(),
                        IssueStatus.DRAFT,
                        now,
                        now,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        IssueCounts.NONE,
                        0,
                        false);
        issues.create(draft, content);
        return draft;
    }

    Optional<Issue> find(String newsletter, String issueId) {
        return issues.find(newsletter, issueId);
    }

    Optional<IssueContent> content(String newsletter, String issueId) {
        return issues.content(newsletter, issueId);
    }

    IssuePage list(String newsletter, int limit, Optional<String> cursor) {
        return issues.list(newsletter, limit, cursor);
    }

    Issue edit(String newsletter, String issueId, IssueContent content, Instant now) {
        return issues.edit(newsletter, issueId, content, now);
    }

    /**
     * Asks the issue sender for one copy to {@code to}: the request (with the address) is stored
     * beside the issue, then a job naming it is queued, so the queue never holds the address. The
     * sender renders it as readers get it, subject marked as a test, with the test address's own
     * unsubscribe link (harmless when it is not subscribed).
     *
     * @return the id of the request
     * @throws org.newsroom.issues.SendQueueException when the queue did not take the job (the
     *     stored request then expires unsent)
     */
    String requestTestCopy(Issue issue, EmailAddress to, Instant now) {
        String copyId = newCopyId();
        issues.requestTestCopy(issue.issueId(), copyId, to.value(), now);
        queue.send(SendJob.testCopy(issue.newsletter(), issue.issueId(), copyId), Duration.ZERO);
        return copyId;
    }

    /**
     * Requests sending (now, or at {@code sendAt}). Idempotent: asking again changes nothing, but
     * re-enqueues the start job while no audience page has been read, in case the first request
     * stored the status and then failed to enqueue.
     */
    Issue send(String newsletter, String issueId, Optional<Instant> sendAt, Instant now) {
        Issue issue = issues.requestSend(newsletter, issueId, sendAt, now);
        boolean waiting =
                issue.status() == IssueStatus.SCHEDULED
                        || (issue.status() == IssueStatus.SENDING
                                && issue.pagesDone() == 0
                                && !issue.dispatched());
        if (waiting) {
            Duration delay =
                    issue.status() == IssueStatus.SCHEDULED
                            ? Duration.between(now, issue.sendAt().orElse(now))
                            : Duration.ZERO;
            queue.send(
                    SendJob.start(newsletter, issueId), delay.isNegative() ? Duration.ZERO : delay);
        }
        return issue;
    }

    static String webUrl(Issue issue, String linkBase) {
        return linkBase + IssueEmail.webPath(issue.newsletter(), issue.issueId());
    }

    static String newIssueId(Instant now) {
        return ID_TIME.format(now) + '-' + randomId(6);
    }

    /** 16 random characters: unguessable, and unique among one issue's test copies. */
    static String newCopyId() {
        return randomId(16);
    }

    private static String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}

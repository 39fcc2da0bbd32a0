package org.newsroom.newsletters.issues;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.newsroom.core.email.AddressKeys;
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
import org.newsroom.mail.MailSender;
import org.newsroom.mail.MailSettings;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.Newsletter;

/** What editors do with issues: write, edit, list, test, send. No HTTP here. */
final class IssueService {

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd't'HHmmss'z'").withZone(ZoneOffset.UTC);
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IssueRepository issues;
    private final SendQueue queue;
    private final MailSender mail;
    private final MailSettings mailSettings;
    private final LinkTokens tokens;
    private final AddressKeys addressKeys;

    IssueService(
            IssueRepository issues,
            SendQueue queue,
            MailSender mail,
            MailSettings mailSettings,
            LinkTokens tokens,
            AddressKeys addressKeys) {
        this.issues = issues;
        this.queue = queue;
        this.mail = mail;
        this.mailSettings = mailSettings;
        this.tokens = tokens;
        this.addressKeys = addressKeys;
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
     * Sends one copy to {@code to}, subject marked as a test. Its unsubscribe link is the test
     * address's own (harmless when it is not subscribed).
     */
    void sendTest(
            Issue issue, IssueContent content, EmailAddress to, String linkBase, Instant now) {
        String unsubscribe =
                linkBase
                        + "/unsubscribe?token="
                        + tokens.issue(
                                LinkToken.Purpose.UNSUBSCRIBE,
                                addressKeys.id(to),
                                List.of(issue.newsletter()),
                                now);
        mail.send(
                IssueEmail.render(
                        mailSettings.from(),
                        mailSettings.senderAddress(),
                        mailSettings.publisherName(),
                        issue,
                        content,
                        to.value(),
                        webUrl(issue, linkBase),
                        unsubscribe,
                        true));
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
        StringBuilder id = new StringBuilder(ID_TIME.format(now)).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}

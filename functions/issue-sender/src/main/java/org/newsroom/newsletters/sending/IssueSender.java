package org.newsroom.newsletters.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.newsroom.core.log.Metrics;
import org.newsroom.issues.Delivery;
import org.newsroom.issues.DeliveryState;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueCounts;
import org.newsroom.issues.IssueEmail;
import org.newsroom.issues.IssueRepository;
import org.newsroom.issues.IssueStatus;
import org.newsroom.issues.SendJob;
import org.newsroom.issues.SendQueue;
import org.newsroom.mail.Email;
import org.newsroom.mail.MailSender;
import org.newsroom.mail.MailSettings;
import org.newsroom.subscriptions.ConfirmedReaders;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;

/**
 * The four send jobs. Each is safe to run twice, concurrently or after a crash:
 *
 * <ul>
 *   <li>start: waits for a scheduled time (re-enqueued with a delay), then fans out page 0;
 *   <li>page: reads one audience page, enqueues its batches and the next page, then records the
 *       page on the issue (conditional on the page number: a duplicate changes nothing);
 *   <li>batch: for each reader, a fresh consistent read (unsubscribed or suppressed meanwhile are
 *       not mailed), a ledger entry written before the email (a second attempt finds it and never
 *       sends again), the email, its outcome; then the batch's outcomes are counted once. A batch
 *       stopped by a retryable failure after it got further than before is sent again as a new
 *       message, so only attempts that make no progress use up the queue's {@code maxReceiveCount}.
 *   <li>test copy: one copy to an editor, the same way ({@link TestCopySender}).
 * </ul>
 */
final class IssueSender {

    /** Readers per audience page: one Query of a keys-only index (about 100 KB). */
    static final int PAGE_SIZE = 500;

    /** Readers per batch message. */
    static final int BATCH_SIZE = 25;

    /**
     * How long a batch that made progress waits before its next attempt: long enough for a burst of
     * SES throttling to pass, far shorter than the queue's visibility timeout.
     */
    static final Duration PROGRESS_RETRY_DELAY = Duration.ofSeconds(1);

    /** What became of a job: done, or to be retried by the queue. */
    enum Result {
        DONE,
        RETRY
    }

    private final IssueRepository issues;
    private final ConfirmedReaders readers;
    private final SendQueue queue;
    private final MailSender mail;
    private final MailSettings mailSettings;
    private final LinkTokens tokens;
    private final String linkBase;
    private final int maxReceives;
    private final LedgerSend ledger;
    private final Clock clock;
    private final Metrics metrics;
    private final TestCopySender testCopies;
    private final Map<String, IssueContent> contents = new ConcurrentHashMap<>();

    IssueSender(
            IssueRepository issues,
            ConfirmedReaders readers,
            SendQueue queue,
            MailSender mail,
            MailSettings mailSettings,
            LinkTokens tokens,
            String linkBase,
            int maxReceives,
            Duration claimLease,
            Clock clock,
            Metrics metrics,
            TestCopySender testCopies) {
        this.issues = issues;
        this.readers = readers;
        this.queue = queue;
        this.mail = mail;
        this.mailSettings = mailSettings;
        this.tokens = tokens;
        this.linkBase = linkBase;
        this.maxReceives = maxReceives;
        this.ledger = new LedgerSend(issues, claimLease, clock);
        this.clock = clock;
        this.metrics = metrics;
        this.testCopies = testCopies;
    }

    Result run(SendJob job, int receiveCount, SendPacer pacer) {
        return switch (job.kind()) {
            case START -> start(job);
            case PAGE -> page(job);
            case BATCH -> batch(job, receiveCount >= maxReceives, pacer);
            case TEST_COPY -> testCopies.send(job, receiveCount >= maxReceives, pacer);
        };
    }

    private Result start(SendJob job) {
        Optional<Issue> found = issues.find(job.newsletter(), job.issueId());
        if (found.isEmpty()) {
            return Result.DONE;
        }
        Issue issue = found.get();
        Instant now = clock.instant();
        if (issue.status() == IssueStatus.SCHEDULED) {
            Instant at = issue.sendAt().orElse(now);
            if (at.isAfter(now)) {
                queue.send(job, Duration.between(now, at));
                return Result.DONE;
            }
            issues.start(job.newsletter(), job.issueId(), now);
        } else if (issue.status() != IssueStatus.SENDING
                || issue.pagesDone() > 0
                || issue.dispatched()) {
            return Result.DONE;
        }
        queue.send(SendJob.page(job.newsletter(), job.issueId(), 0, Map.of()), Duration.ZERO);
        return Result.DONE;
    }

    private Result page(SendJob job) {
        Optional<Issue> found = issues.find(job.newsletter(), job.issueId());
        if (found.isEmpty() || found.get().pagesDone() > job.page()) {
            return Result.DONE;
        }
        if (found.get().pagesDone() < job.page()) {
            // The previous page is not recorded yet: come back later.
            return Result.RETRY;
        }
        ConfirmedReaders.Page page = readers.page(job.newsletter(), PAGE_SIZE, job.cursor());
        List<SendJob> jobs = new ArrayList<>();
        List<String> ids = page.addressIds();
        for (int from = 0, n = 0; from < ids.size(); from += BATCH_SIZE, n++) {
            jobs.add(
                    SendJob.batch(
                            job.newsletter(),
                            job.issueId(),
                            job.page() + "-" + n,
                            ids.subList(from, Math.min(ids.size(), from + BATCH_SIZE))));
        }
        page.next()
                .ifPresent(
                        next ->
                                jobs.add(
                                        SendJob.page(
                                                job.newsletter(),
                                                job.issueId(),
                                                job.page() + 1,
                                                next)));
        queue.sendAll(jobs);
        issues.recordPage(
                        job.newsletter(),
                        job.issueId(),
                        job.page(),
                        ids.size(),
                        page.next().isEmpty())
                .ifPresent(this::finishIfComplete);
        return Result.DONE;
    }

    private Result batch(SendJob job, boolean lastAttempt, SendPacer pacer) {
        Optional<Issue> found = issues.find(job.newsletter(), job.issueId());
        if (found.isEmpty()) {
            return Result.DONE;
        }
        Issue issue = found.get();
        IssueContent content =
                contents.computeIfAbsent(
                        issue.issueId(),
                        id ->
                                issues.content(issue.newsletter(), id)
                                        .orElseThrow(
                                                () ->
                                                        new IllegalStateException(
                                                                "Issue without content")));
        long sent = 0, failed = 0, suppressed = 0, skipped = 0;
        boolean unfinished = false;
        boolean throttled = false;
        Progress progress = new Progress();
        for (String addressId : job.addressIds()) {
            DeliveryState state =
                    throttled
                            ? null
                            : deliver(issue, content, addressId, lastAttempt, pacer, progress);
            if (state == null) {
                if (lastAttempt) {
                    state = giveUp(issue, addressId);
                } else {
                    unfinished = true;
                    throttled = true;
                    continue;
                }
            }
            if (state == DeliveryState.SENDING) {
                unfinished = true;
                continue;
            }
            switch (state) {
                case SENT -> sent++;
                case FAILED -> failed++;
                case SUPPRESSED -> suppressed++;
                case SKIPPED -> skipped++;
                default -> {}
            }
        }
        if (unfinished) {
            if (throttled) {
                pacer.slowDown();
            }
            if (throttled && progress.outcomes > 0) {
                // The same job again (the ledger skips the readers done), with a fresh receive
                // count: SQS counts receives, not progress, and would otherwise move a batch that
                // keeps getting further to the dead-letter queue. A crash between this and the
                // delete leaves a duplicate, which is harmless.
                queue.send(job, PROGRESS_RETRY_DELAY);
                return Result.DONE;
            }
            return Result.RETRY;
        }
        issues.countBatch(
                        issue.newsletter(),
                        issue.issueId(),
                        job.batchId(),
                        new IssueCounts(0, sent, failed, suppressed, skipped),
                        clock.instant())
                .ifPresent(this::finishIfComplete);
        // Every reader of a batch that failed on its last attempt is counted; it still goes to
        // the dead-letter queue, so operators see it.
        return lastAttempt && failed > 0 ? Result.RETRY : Result.DONE;
    }

    /**
     * The final state of one reader's delivery, SENDING when another sender holds a fresh claim, or
     * null when sending failed in a way worth retrying.
     */
    private DeliveryState deliver(
            Issue issue,
            IssueContent content,
            String addressId,
            boolean lastAttempt,
            SendPacer pacer,
            Progress progress) {
        Instant now = clock.instant();
        ConfirmedReaders.Reader reader = readers.reader(addressId, issue.newsletter());
        if (!reader.mailable()) {
            DeliveryState outcome =
                    reader.suppressed() ? DeliveryState.SUPPRESSED : DeliveryState.SKIPPED;
            Optional<Delivery> existing =
                    issues.recordOutcome(issue.issueId(), addressId, outcome, now);
            if (existing.isEmpty()) {
                progress.outcomes++;
            }
            return existing.map(Delivery::state).orElse(outcome);
        }
        LedgerSend.Result result =
                ledger.send(
                        issue.issueId(),
                        addressId,
                        now,
                        lastAttempt,
                        () -> {
                            pacer.acquire();
                            mail.send(
                                    render(
                                            mailSettings,
                                            tokens,
                                            linkBase,
                                            issue,
                                            content,
                                            addressId,
                                            reader.address().orElseThrow(),
                                            now,
                                            false));
                        });
        return switch (result.outcome()) {
            case SENT -> {
                metrics.count("IssueEmailsSent");
                progress.outcomes++;
                yield DeliveryState.SENT;
            }
            case FAILED, ABANDONED -> {
                metrics.count("IssueEmailsFailed");
                progress.outcomes++;
                yield DeliveryState.FAILED;
            }
            case FINISHED_BEFORE -> result.earlier();
            case HELD -> DeliveryState.SENDING;
            case RELEASED -> null;
        };
    }

    /**
     * The issue as the address {@code to} (its id {@code addressId}) gets it: its own unsubscribe
     * link for the issue's newsletter and the link to the web copy. Readers' deliveries and test
     * copies render through this one method.
     */
    static Email render(
            MailSettings mailSettings,
            LinkTokens tokens,
            String linkBase,
            Issue issue,
            IssueContent content,
            String addressId,
            String to,
            Instant now,
            boolean test) {
        String unsubscribe =
                linkBase
                        + "/unsubscribe?token="
                        + tokens.issue(
                                LinkToken.Purpose.UNSUBSCRIBE,
                                addressId,
                                List.of(issue.newsletter()),
                                now);
        return IssueEmail.render(
                mailSettings.from(),
                mailSettings.senderAddress(),
                mailSettings.publisherName(),
                issue,
                content,
                to,
                linkBase + IssueEmail.webPath(issue.newsletter(), issue.issueId()),
                unsubscribe,
                test);
    }

    /** Readers of one batch attempt whose outcome this attempt recorded (not found recorded). */
    private static final class Progress {
        int outcomes;
    }

    private DeliveryState giveUp(Issue issue, String addressId) {
        Optional<Delivery> existing =
                issues.recordOutcome(
                        issue.issueId(), addressId, DeliveryState.FAILED, clock.instant());
        if (existing.isEmpty()) {
            metrics.count("IssueEmailsFailed");
        }
        return existing.map(Delivery::state).orElse(DeliveryState.FAILED);
    }

    private void finishIfComplete(Issue issue) {
        if (issue.status() == IssueStatus.SENDING && issue.complete()) {
            issues.finish(issue.newsletter(), issue.issueId(), clock.instant());
        }
    }
}

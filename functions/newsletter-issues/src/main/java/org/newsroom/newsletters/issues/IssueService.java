package org.newsroom.newsletters.issues;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.time.Timestamps;
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

    /** The time part of an issue id; {@link #idTime} writes the same text by hand. */
    static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd't'HHmmss'z'").withZone(ZoneOffset.UTC);

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Random characters taken from one 63-bit draw: 36^11 fits 70 times in 2^63. */
    private static final int DIGITS_PER_DRAW = 11;

    private static final long DRAW_RANGE = 131_621_703_842_267_136L; // 36^11

    /**
     * Draws at or above this (about one in a thousand) are drawn again: each digit stays uniform.
     */
    private static final long DRAW_LIMIT = Long.MAX_VALUE / DRAW_RANGE * DRAW_RANGE;

    /** 9999-12-31T23:59:59Z: up to here the id's year has four digits. */
    private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L;

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
        return linkBase.concat(IssueEmail.webPath(issue.newsletter(), issue.issueId()));
    }

    static String newIssueId(Instant now) {
        // Joined by hand, as IssueEmail.webPath explains.
        return new StringBuilder(23).append(idTime(now)).append('-').append(randomId(6)).toString();
    }

    /**
     * {@link #ID_TIME}'s text ({@code 20261129t091500z}), copied out of the ISO form for the years
     * 1970 to 9999; the formatter itself was a visible share of creating a draft.
     */
    static String idTime(Instant now) {
        long seconds = now.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FOUR_DIGIT_SECOND) {
            return ID_TIME.format(now);
        }
        String iso = Timestamps.format(now); // 2026-11-29T09:15:00[.fraction]Z
        char[] id = new char[16];
        iso.getChars(0, 4, id, 0);
        iso.getChars(5, 7, id, 4);
        iso.getChars(8, 10, id, 6);
        id[8] = 't';
        iso.getChars(11, 13, id, 9);
        iso.getChars(14, 16, id, 11);
        iso.getChars(17, 19, id, 13);
        id[15] = 'z';
        return new String(id);
    }

    /** 16 random characters: unguessable, and unique among one issue's test copies. */
    static String newCopyId() {
        return randomId(16);
    }

    /**
     * {@code length} characters of {@link #ID_ALPHABET}, each uniform and independent: up to eleven
     * per draw from the secure generator (one draw per character cost a visible share of a create).
     */
    static String randomId(int length) {
        char[] id = new char[length];
        int filled = 0;
        byte[] bytes = new byte[Long.BYTES];
        while (filled < length) {
            RANDOM.nextBytes(bytes);
            long draw = 0;
            for (byte b : bytes) {
                draw = (draw << 8) | (b & 0xFF);
            }
            draw >>>= 1;
            if (draw >= DRAW_LIMIT) {
                continue;
            }
            for (int i = 0; i < DIGITS_PER_DRAW && filled < length; i++) {
                id[filled++] = ID_ALPHABET.charAt((int) (draw % ID_ALPHABET.length()));
                draw /= ID_ALPHABET.length();
            }
        }
        return new String(id);
    }
}

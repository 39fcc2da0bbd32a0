package org.newsroom.memberships.gifts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.mail.Email;
import org.newsroom.mail.MailSender;
import org.newsroom.memberships.Gift;
import org.newsroom.memberships.GiftCodes;
import org.newsroom.memberships.GiftJob;
import org.newsroom.memberships.GiftJobQueue;
import org.newsroom.memberships.GiftRepository;
import org.newsroom.memberships.MembershipService;

/**
 * Runs the gift jobs that are due: sends the recipients' codes and the buyers' receipts, and ends
 * gift memberships whose term is over. Each job is first claimed with a conditional write, so when
 * two runs overlap only one of them runs it; a recipient's code is created at that moment (never
 * stored, only its hash). A failed send puts the job back with a growing delay; a retried recipient
 * mail carries a fresh code and the undelivered one stops working.
 */
public final class GiftJobRunner {

    static final int BATCH = 25;
    static final int MAX_ATTEMPTS = 8;

    private final GiftJobQueue queue;
    private final GiftRepository gifts;
    private final MembershipService memberships;
    private final MailSender sender;
    private final GiftEmails emails;
    private final Clock clock;
    private final Log log;
    private final Metrics metrics;

    public GiftJobRunner(
            GiftJobQueue queue,
            GiftRepository gifts,
            MembershipService memberships,
            MailSender sender,
            GiftEmails emails,
            Clock clock,
            Log log,
            Metrics metrics) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.gifts = Objects.requireNonNull(gifts, "gifts");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.emails = Objects.requireNonNull(emails, "emails");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Counts of one run; {@code sent} counts emails sent and gift memberships ended at the end of
     * their term.
     */
    public record Result(int sent, int skipped, int failed) {}

    /** Runs what is due now, up to one batch. */
    public Result run() {
        Instant now = clock.instant();
        List<GiftJob> due = queue.due(now, BATCH);
        int sent = 0;
        int skipped = 0;
        int failed = 0;
        for (GiftJob job : due) {
            switch (run(job, now)) {
                case SENT -> sent++;
                case SKIPPED -> skipped++;
                case FAILED -> failed++;
            }
        }
        return new Result(sent, skipped, failed);
    }

    private enum JobOutcome {
        SENT,
        SKIPPED,
        FAILED
    }

    private JobOutcome run(GiftJob job, Instant now) {
        if (job.kind() == GiftJob.Kind.MEMBERSHIP_END) {
            return endMembership(job);
        }
        Optional<Gift> gift = gifts.findGift(job.giftId());
        if (gift.isEmpty()
                || gift.get().state() == Gift.State.REFUNDED
                || gift.get().state() == Gift.State.REDEEMED) {
            queue.delete(job);
            return JobOutcome.SKIPPED;
        }
        Email email;
        if (job.kind() == GiftJob.Kind.RECIPIENT_MAIL) {
            String code = GiftCodes.generate();
            String hash = GiftCodes.hash(GiftCodes.normalise(code).orElseThrow());
            if (!queue.claimIssuingCode(job, gift.get(), hash, now)) {
                return JobOutcome.SKIPPED;
            }
            email = emails.recipient(gift.get(), code);
        } else {
            if (!queue.claim(job, now)) {
                return JobOutcome.SKIPPED;
            }
            email = emails.receipt(gift.get());
        }
        try {
            sender.send(email);
        } catch (RuntimeException e) {
            // Any failure after the claim puts the job back, or the email would never be sent.
            Map<String, Object> fields = fields(job);
            if (job.attempts() + 1 >= MAX_ATTEMPTS) {
                log.error("gift mail abandoned", fields, e);
                queue.delete(job);
            } else {
                log.warn("gift mail failed, will retry", fields);
                queue.release(job, now.plus(Duration.ofMinutes(5L << Math.min(job.attempts(), 6))));
            }
            return JobOutcome.FAILED;
        }
        queue.delete(job);
        log.info("gift mail sent", fields(job));
        if (job.kind() == GiftJob.Kind.RECIPIENT_MAIL) {
            metrics.count("GiftsMailed");
        }
        return JobOutcome.SENT;
    }

    /**
     * Ends a gift membership whose term is over, through the same idempotent path as a cancellation
     * (the event id makes a second run, or an overlapping one, change nothing).
     */
    private JobOutcome endMembership(GiftJob job) {
        MembershipService.Outcome outcome =
                memberships.end("gift-term-" + job.giftId(), "gift-" + job.giftId(), job.dueAt());
        queue.delete(job);
        log.info(
                "gift membership term over",
                Map.of("gift", job.giftId(), "outcome", outcome.name()));
        if (outcome == MembershipService.Outcome.ENDED) {
            metrics.count("MembershipsEnded");
        }
        return outcome == MembershipService.Outcome.ENDED ? JobOutcome.SENT : JobOutcome.SKIPPED;
    }

    private static Map<String, Object> fields(GiftJob job) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("gift", job.giftId());
        fields.put("kind", job.kind().name());
        fields.put("attempt", job.attempts() + 1);
        return fields;
    }
}

package org.newsroom.memberships;

import org.newsroom.core.log.Log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends the gift emails that are due. Each job is first claimed with a conditional write, so
 * when two runs overlap only one of them sends it; a recipient's code is created at that
 * moment (never stored, only its hash). A failed send puts the job back with a growing delay;
 * a retried recipient mail carries a fresh code and the undelivered one stops working.
 */
public final class GiftMailer {

    static final int BATCH = 25;
    static final int MAX_ATTEMPTS = 8;

    private final MembershipRepository repository;
    private final MailSender sender;
    private final GiftEmails emails;
    private final Clock clock;
    private final Log log;

    public GiftMailer(MembershipRepository repository, MailSender sender, GiftEmails emails, Clock clock, Log log) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.emails = Objects.requireNonNull(emails, "emails");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Counts of one run. */
    /** {@code sent} counts emails sent and gift memberships ended at the end of their term. */
    public record Result(int sent, int skipped, int failed) {
    }

    /** Sends what is due now, up to one batch. */
    public Result run() {
        Instant now = clock.instant();
        List<MailJob> due = repository.dueMailJobs(now, BATCH);
        int sent = 0;
        int skipped = 0;
        int failed = 0;
        for (MailJob job : due) {
            switch (send(job, now)) {
                case SENT -> sent++;
                case SKIPPED -> skipped++;
                case FAILED -> failed++;
            }
        }
        return new Result(sent, skipped, failed);
    }

    private enum JobOutcome { SENT, SKIPPED, FAILED }

    private JobOutcome send(MailJob job, Instant now) {
        if (job.kind() == MailJob.Kind.MEMBERSHIP_END) {
            return endMembership(job);
        }
        Optional<Gift> gift = repository.findGift(job.giftId());
        if (gift.isEmpty() || gift.get().state() == Gift.State.REFUNDED || gift.get().state() == Gift.State.REDEEMED) {
            repository.deleteMailJob(job);
            return JobOutcome.SKIPPED;
        }
        Email email;
        if (job.kind() == MailJob.Kind.RECIPIENT) {
            String code = GiftCodes.generate();
            String hash = GiftCodes.hash(GiftCodes.normalise(code).orElseThrow());
            if (!repository.claimMailJob(job, gift, Optional.of(hash), now)) {
                return JobOutcome.SKIPPED;
            }
            email = emails.recipient(gift.get(), code);
        } else {
            if (!repository.claimMailJob(job, Optional.empty(), Optional.empty(), now)) {
                return JobOutcome.SKIPPED;
            }
            email = emails.receipt(gift.get());
        }
        try {
            sender.send(email);
        } catch (RuntimeException e) {
            Map<String, Object> fields = fields(job);
            if (job.attempts() + 1 >= MAX_ATTEMPTS) {
                log.error("gift mail abandoned", fields, e);
                repository.deleteMailJob(job);
            } else {
                log.warn("gift mail failed, will retry", fields);
                repository.releaseMailJob(job, now.plus(Duration.ofMinutes(5L << Math.min(job.attempts(), 6))));
            }
            return JobOutcome.FAILED;
        }
        repository.deleteMailJob(job);
        log.info("gift mail sent", fields(job));
        return JobOutcome.SENT;
    }

    /**
     * Ends a gift membership whose term is over, through the same idempotent path as a
     * cancellation (the event id makes a second run, or an overlapping one, change nothing).
     */
    private JobOutcome endMembership(MailJob job) {
        MembershipService.Outcome outcome = new MembershipService(repository, Optional.empty(), clock)
                .end("gift-term-" + job.giftId(), "gift-" + job.giftId(), job.dueAt());
        repository.deleteMailJob(job);
        log.info("gift membership term over", Map.of("gift", job.giftId(), "outcome", outcome.name()));
        return outcome == MembershipService.Outcome.ENDED ? JobOutcome.SENT : JobOutcome.SKIPPED;
    }

    private static Map<String, Object> fields(MailJob job) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("gift", job.giftId());
        fields.put("kind", job.kind().name());
        fields.put("attempt", job.attempts() + 1);
        return fields;
    }
}

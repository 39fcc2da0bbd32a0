package org.newsroom.memberships.gifts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
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
 * Runs the gift jobs that are due: sends the recipients' codes, the buyers' receipts and requests
 * for a corrected recipient address, and ends gift memberships whose term is over.
 *
 * <p>Each job is first claimed with a lease (see {@link GiftJobQueue}): overlapping runs never both
 * take it, and a run that dies before the job is done leaves it to come back when the lease ends. A
 * job is deleted only after its email was sent, so a crash between the send and the delete sends
 * the email again (at least once, never zero times); on the happy path it is sent once. A failure
 * in one job is that job's alone: it is put back with a growing delay and the run goes on with the
 * next. After {@code maxAttempts} claims a job goes to the dead letters, counted by the {@code
 * GiftJobsDeadLettered} metric, which an alarm watches. A retried recipient mail carries a fresh
 * code and the earlier one stops working.
 */
public final class GiftJobRunner {

    static final int BATCH = 25;

    /** The longest wait between two attempts of a failing job. */
    static final int MAX_BACKOFF_DOUBLINGS = 5;

    private final GiftJobQueue queue;
    private final GiftRepository gifts;
    private final MembershipService memberships;
    private final MailSender sender;
    private final GiftEmails emails;
    private final Retries retries;
    private final Clock clock;
    private final Log log;
    private final Metrics metrics;

    /**
     * @param lease how long a claimed job is left to its run before it is due again
     * @param maxAttempts claims a job gets before it goes to the dead letters
     */
    public record Retries(Duration lease, int maxAttempts) {
        public Retries {
            Objects.requireNonNull(lease, "lease");
            if (lease.isNegative() || lease.isZero() || maxAttempts < 1) {
                throw new IllegalArgumentException("The lease and attempts must be positive");
            }
        }
    }

    public GiftJobRunner(
            GiftJobQueue queue,
            GiftRepository gifts,
            MembershipService memberships,
            MailSender sender,
            GiftEmails emails,
            Retries retries,
            Clock clock,
            Log log,
            Metrics metrics) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.gifts = Objects.requireNonNull(gifts, "gifts");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.emails = Objects.requireNonNull(emails, "emails");
        this.retries = Objects.requireNonNull(retries, "retries");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Counts of one run; {@code sent} counts emails sent and gift memberships ended at the end of
     * their term, {@code deadLettered} the jobs given up in this run (also counted in {@code
     * failed} when this run's attempt failed).
     */
    public record Result(int sent, int skipped, int failed, int deadLettered) {}

    private enum JobOutcome {
        SENT,
        SKIPPED,
        FAILED,
        DEAD_LETTERED
    }

    /** Runs what is due now, up to one batch; one job's failure never stops the others. */
    public Result run() {
        Instant now = clock.instant();
        List<GiftJob> due = queue.due(now, BATCH);
        int sent = 0;
        int skipped = 0;
        int failed = 0;
        int dead = 0;
        for (GiftJob job : due) {
            JobOutcome outcome;
            try {
                outcome = run(job, now);
            } catch (RuntimeException e) {
                // Before the claim (reading the gift): nothing taken, the job stays due as it was.
                log.warn("gift job not started", errorFields(job, e));
                outcome = JobOutcome.FAILED;
            }
            switch (outcome) {
                case SENT -> sent++;
                case SKIPPED -> skipped++;
                case FAILED -> failed++;
                case DEAD_LETTERED -> {
                    failed++;
                    dead++;
                }
            }
        }
        return new Result(sent, skipped, failed, dead);
    }

    private JobOutcome run(GiftJob job, Instant now) {
        if (job.attempts() >= retries.maxAttempts()) {
            // Every claim so far ended without the job done or released: runs that died on it.
            return deadLetter(job, job.dueAt(), now, "LeaseExpired");
        }
        Instant leaseUntil = now.plus(retries.lease());
        if (job.kind() == GiftJob.Kind.MEMBERSHIP_END) {
            return queue.claim(job, now, leaseUntil)
                    ? attempt(job, now, () -> endMembership(job))
                    : JobOutcome.SKIPPED;
        }
        Optional<Gift> gift = gifts.findGift(job.giftId());
        if (gift.isEmpty()
                || gift.get().state() == Gift.State.REFUNDED
                || gift.get().state() == Gift.State.REDEEMED) {
            queue.delete(job);
            return JobOutcome.SKIPPED;
        }
        Supplier<Email> email;
        if (job.kind() == GiftJob.Kind.RECIPIENT_MAIL) {
            String code = GiftCodes.generate();
            String hash = GiftCodes.hash(GiftCodes.normalise(code).orElseThrow());
            if (!queue.claimIssuingCode(job, gift.get(), hash, now, leaseUntil)) {
                return JobOutcome.SKIPPED;
            }
            email = () -> emails.recipient(gift.get(), code);
        } else {
            if (!queue.claim(job, now, leaseUntil)) {
                return JobOutcome.SKIPPED;
            }
            email =
                    job.kind() == GiftJob.Kind.ADDRESS_REQUEST
                            ? () -> emails.addressRequest(gift.get())
                            : () -> emails.receipt(gift.get());
        }
        return attempt(job, now, () -> send(job, email.get()));
    }

    private JobOutcome send(GiftJob job, Email email) {
        sender.send(email);
        queue.delete(job);
        log.info("gift mail sent", fields(job));
        if (job.kind() == GiftJob.Kind.RECIPIENT_MAIL) {
            metrics.count("GiftsMailed");
        }
        return JobOutcome.SENT;
    }

    /**
     * Runs the work of a claimed job. Any failure puts the job back (or, after its last attempt,
     * into the dead letters): the claim alone would otherwise hold it until the lease ends.
     */
    private JobOutcome attempt(GiftJob job, Instant now, Supplier<JobOutcome> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            int attempts = job.attempts() + 1;
            if (attempts >= retries.maxAttempts()) {
                log.error("gift job failed for the last time", fields(job), e);
                return deadLetter(
                        job, now.plus(retries.lease()), now, e.getClass().getSimpleName());
            }
            log.warn("gift job failed, will retry", errorFields(job, e));
            queue.release(job, now.plus(backoff(attempts)));
            return JobOutcome.FAILED;
        }
    }

    /** The lease, doubled after each failed attempt up to 32 times it. */
    private Duration backoff(int attempts) {
        return retries.lease().multipliedBy(1L << Math.min(attempts - 1, MAX_BACKOFF_DOUBLINGS));
    }

    /**
     * Moves the job (still at {@code dueAt}) to the dead letters; only the run that does counts it.
     */
    private JobOutcome deadLetter(GiftJob job, Instant dueAt, Instant now, String reason) {
        if (!queue.deadLetter(job, dueAt, now, reason)) {
            return JobOutcome.SKIPPED;
        }
        Map<String, Object> fields = fields(job);
        fields.put("reason", reason);
        log.warn("gift job dead-lettered", fields);
        metrics.count("GiftJobsDeadLettered");
        return JobOutcome.DEAD_LETTERED;
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

    /** The error's types only: an SDK or SES message may quote an address. */
    private static Map<String, Object> errorFields(GiftJob job, RuntimeException e) {
        Map<String, Object> fields = fields(job);
        fields.put("errorType", e.getClass().getName());
        if (e.getCause() != null) {
            fields.put("causeType", e.getCause().getClass().getName());
        }
        return fields;
    }
}

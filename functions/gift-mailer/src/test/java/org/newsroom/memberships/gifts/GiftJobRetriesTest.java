package org.newsroom.memberships.gifts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.mail.Email;
import org.newsroom.mail.MailException;
import org.newsroom.mail.MailSender;
import org.newsroom.memberships.GiftJob;
import org.newsroom.memberships.GiftPurchase;
import org.newsroom.memberships.MembershipService;
import org.newsroom.memberships.testing.InMemoryMembershipTable;

/**
 * The gift jobs' lease, per-job failures and dead letters, and the gift whose recipient address was
 * not valid, with the real runner on the in-memory table.
 */
class GiftJobRetriesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final int MAX_ATTEMPTS = 3;

    private final InMemoryMembershipTable repository = new InMemoryMembershipTable();
    private final List<Email> outbox = new ArrayList<>();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();
    private final Log log = new Log("test", new PrintStream(logs, true, StandardCharsets.UTF_8));

    private GiftJobRunner runnerAt(Instant now, MailSender sender) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new GiftJobRunner(
                repository,
                repository,
                repository.service(clock),
                sender,
                new GiftEmails("news@example.org", "The Ledger", "https://example.org/gift"),
                new GiftJobRunner.Retries(LEASE, MAX_ATTEMPTS),
                clock,
                log,
                new Metrics(
                        "gift-mailer",
                        new PrintStream(metricLines, true, StandardCharsets.UTF_8),
                        clock));
    }

    private void buy(String paymentId, String recipient) {
        repository
                .service(Clock.fixed(NOW, ZoneOffset.UTC))
                .recordGift(
                        "evt_" + paymentId,
                        GiftPurchase.builder(paymentId, recipient, NOW)
                                .buyerEmail("buyer@example.org")
                                .build());
    }

    /** The EMF lines written for {@code metric}. */
    private long countedLines(String metric) {
        return metricLines
                .toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.contains("\"" + metric + "\":1"))
                .count();
    }

    private List<String> sentTo() {
        return outbox.stream().map(Email::to).sorted().toList();
    }

    @Test
    void run_shouldSendAJobAgainAfterItsLease_whenTheRunThatClaimedItDied() {
        // GIVEN a run that claimed the recipient mail and died before sending it
        buy("pi_1", "friend@example.org");
        GiftJob recipientMail =
                repository.due(NOW, 10).stream()
                        .filter(job -> job.kind() == GiftJob.Kind.RECIPIENT_MAIL)
                        .findFirst()
                        .orElseThrow();
        assertTrue(repository.claim(recipientMail, NOW, NOW.plus(LEASE)));

        // WHEN runs come before and after the lease's end
        runnerAt(NOW.plusSeconds(60), outbox::add).run();
        assertEquals(List.of("buyer@example.org"), sentTo(), "the claimed mail waits its lease");
        GiftJobRunner.Result afterLease = runnerAt(NOW.plus(LEASE), outbox::add).run();
        GiftJobRunner.Result later = runnerAt(NOW.plus(LEASE).plusSeconds(60), outbox::add).run();

        // THEN the recipient gets the mail once, and nothing is left to do
        assertEquals(new GiftJobRunner.Result(1, 0, 0, 0), afterLease);
        assertEquals(new GiftJobRunner.Result(0, 0, 0, 0), later);
        assertEquals(List.of("buyer@example.org", "friend@example.org"), sentTo());
        assertEquals(List.of(), repository.pendingJobs());
    }

    @Test
    void run_shouldGoOnWithTheOtherJobs_whenOneFails() {
        buy("pi_1", "bad@example.org");
        buy("pi_2", "friend@example.org");
        MailSender refusingOne =
                email -> {
                    if (email.to().equals("bad@example.org")) {
                        throw new MailException("refused", false, null);
                    }
                    outbox.add(email);
                };

        GiftJobRunner.Result result = runnerAt(NOW, refusingOne).run();

        assertEquals(new GiftJobRunner.Result(3, 0, 1, 0), result);
        assertEquals(
                List.of("buyer@example.org", "buyer@example.org", "friend@example.org"), sentTo());
        // The failed job is due again after the lease, not lost.
        assertEquals(
                List.of(NOW.plus(LEASE)),
                repository.pendingJobs().stream().map(GiftJob::dueAt).toList());
    }

    @Test
    void run_shouldDeadLetterAndCountAJob_whenItFailsEveryAttempt() {
        buy("pi_1", "bad@example.org");
        MailSender refusingRecipient =
                email -> {
                    if (email.to().equals("bad@example.org")) {
                        throw new MailException("refused", false, null);
                    }
                    outbox.add(email);
                };

        // Each retry waits longer: the lease, then twice the lease.
        assertEquals(new GiftJobRunner.Result(1, 0, 1, 0), runnerAt(NOW, refusingRecipient).run());
        assertEquals(
                new GiftJobRunner.Result(0, 0, 1, 0),
                runnerAt(NOW.plus(LEASE), refusingRecipient).run());
        assertEquals(
                new GiftJobRunner.Result(0, 0, 0, 0),
                runnerAt(NOW.plus(LEASE.multipliedBy(2)), refusingRecipient).run());
        assertEquals(
                new GiftJobRunner.Result(0, 0, 1, 1),
                runnerAt(NOW.plus(LEASE.multipliedBy(3)), refusingRecipient).run());

        assertEquals(List.of(), repository.pendingJobs(), "a dead letter is never due again");
        assertEquals(
                List.of("pi_1/RECIPIENT_MAIL"),
                repository.deadJobs().stream().map(j -> j.giftId() + "/" + j.kind()).toList());
        assertEquals(
                new GiftJobRunner.Result(0, 0, 0, 0),
                runnerAt(NOW.plus(Duration.ofDays(30)), refusingRecipient).run());
        assertEquals(1, countedLines("GiftJobsDeadLettered"));
        assertFalse(logs.toString(StandardCharsets.UTF_8).contains("@"), "no address in the logs");

        // An operator's retry makes it due again, with fresh attempts.
        assertTrue(
                repository.retry(
                        "pi_1", GiftJob.Kind.RECIPIENT_MAIL, NOW.plus(Duration.ofDays(30))));
        runnerAt(NOW.plus(Duration.ofDays(30)), outbox::add).run();
        assertEquals(List.of("bad@example.org", "buyer@example.org"), sentTo());
    }

    @Test
    void run_shouldDeadLetterAJob_whenEveryRunThatClaimedItDied() {
        buy("pi_1", "friend@example.org");
        Instant at = NOW;
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            GiftJob job =
                    repository.due(at, 10).stream()
                            .filter(j -> j.kind() == GiftJob.Kind.RECIPIENT_MAIL)
                            .findFirst()
                            .orElseThrow();
            assertTrue(repository.claim(job, at, at.plus(LEASE)));
            at = at.plus(LEASE);
        }

        GiftJobRunner.Result result = runnerAt(at, outbox::add).run();

        assertEquals(1, result.deadLettered());
        assertEquals(List.of("buyer@example.org"), sentTo());
        assertEquals(1, repository.deadJobs().size());
    }

    @Test
    void purchaseWithoutValidRecipient_shouldAskTheBuyer_thenSendOnceCorrected() {
        // GIVEN a paid gift whose recipient address was not valid
        MembershipService service = repository.service(Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(
                MembershipService.Outcome.GIFT_NEEDS_ADDRESS,
                service.recordGift(
                        "evt_1",
                        GiftPurchase.withoutRecipient("pi_1", NOW)
                                .buyerEmail("buyer@example.org")
                                .build()));

        // WHEN the mailer runs
        runnerAt(NOW, outbox::add).run();

        // THEN the buyer is asked for the address (with the gift as reference) and nothing else
        // goes
        assertEquals(List.of("buyer@example.org"), sentTo());
        assertTrue(outbox.get(0).text().contains("pi_1"));
        assertFalse(outbox.get(0).text().contains("gift code:"));
        assertEquals(1, repository.awaitingAddress(10).size());

        // WHEN the operator sets the corrected address
        assertEquals(
                MembershipService.Outcome.RECIPIENT_CORRECTED,
                service.correctRecipient(
                        "pi_1", EmailAddress.parse("friend@example.org").orElseThrow()));
        runnerAt(NOW.plusSeconds(60), outbox::add).run();

        // THEN the recipient gets the code, once
        assertEquals(List.of("buyer@example.org", "friend@example.org"), sentTo());
        assertEquals(List.of(), repository.awaitingAddress(10));
        assertEquals(List.of(), repository.pendingJobs());
    }
}

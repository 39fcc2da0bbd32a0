package org.newsroom.memberships.gifts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.mail.Email;
import org.newsroom.mail.MailException;
import org.newsroom.mail.MailSender;
import org.newsroom.memberships.CounterDelta;
import org.newsroom.memberships.GiftPurchase;
import org.newsroom.memberships.GiftRedemption;
import org.newsroom.memberships.Member;
import org.newsroom.memberships.testing.InMemoryMembershipTable;

/** Purchase → gift job runner → redemption, with the real services on the in-memory table. */
class GiftFlowTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final GiftJobRunner.Retries RETRIES =
            new GiftJobRunner.Retries(Duration.ofMinutes(10), 3);
    private static final Pattern CODE = Pattern.compile("([0-9A-Z]{5}-){3}[0-9A-Z]{5}");

    private final InMemoryMembershipTable repository = new InMemoryMembershipTable();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<Email> outbox = new ArrayList<>();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final Log log = new Log("test", new PrintStream(logs, true, StandardCharsets.UTF_8));
    private final GiftEmails emails =
            new GiftEmails(
                    "\"The Ledger\" <news@example.org>", "The Ledger", "https://example.org/gift");

    private void buy(String message) {
        repository
                .service(clock)
                .recordGift(
                        "evt_gift",
                        GiftPurchase.builder("pi_1", "friend@example.org", NOW)
                                .buyerEmail("buyer@example.org")
                                .recipientName("Sam")
                                .message(message)
                                .build());
    }

    private GiftJobRunner mailer(MailSender sender, Clock at) {
        return new GiftJobRunner(
                repository,
                repository,
                repository.service(at),
                sender,
                emails,
                RETRIES,
                at,
                log,
                new Metrics("gift-mailer", new PrintStream(new ByteArrayOutputStream()), at));
    }

    private static EmailAddress address(String value) {
        return EmailAddress.parse(value).orElseThrow();
    }

    private String codeFrom(Email email) {
        Matcher matcher = CODE.matcher(email.text());
        assertTrue(matcher.find(), "the recipient email carries a code");
        return matcher.group();
    }

    @Test
    void mailer_shouldSendRecipientCodeAndBuyerReceipt_once() {
        buy("Enjoy!");
        GiftJobRunner mailer = mailer(outbox::add, clock);
        assertEquals(new GiftJobRunner.Result(2, 0, 0, 0), mailer.run());
        assertEquals(new GiftJobRunner.Result(0, 0, 0, 0), mailer.run());
        assertEquals(2, outbox.size());
        Email recipient =
                outbox.stream()
                        .filter(e -> e.to().equals("friend@example.org"))
                        .findFirst()
                        .orElseThrow();
        Email receipt =
                outbox.stream()
                        .filter(e -> e.to().equals("buyer@example.org"))
                        .findFirst()
                        .orElseThrow();
        String code = codeFrom(recipient);
        assertFalse(receipt.text().contains(code), "the buyer never sees the code");
        assertFalse(logs.toString(StandardCharsets.UTF_8).contains("@"), "no address in the logs");
    }

    @Test
    void mailer_shouldEscapeThePersonalMessage() {
        buy("<script>alert(1)</script> & \"hi\"");
        mailer(outbox::add, clock).run();
        Email recipient =
                outbox.stream()
                        .filter(e -> e.to().equals("friend@example.org"))
                        .findFirst()
                        .orElseThrow();
        assertFalse(recipient.html().contains("<script>"));
        assertTrue(
                recipient
                        .html()
                        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;hi&quot;"));
    }

    @Test
    void mailer_shouldRetryWithAFreshCode_whenSendingFails() {
        buy("Enjoy!");
        List<Email> failed = new ArrayList<>();
        GiftJobRunner failing =
                mailer(
                        email -> {
                            failed.add(email);
                            throw new MailException("refused", true, null);
                        },
                        clock);
        assertEquals(new GiftJobRunner.Result(0, 0, 2, 0), failing.run());
        String lostCode =
                codeFrom(
                        failed.stream()
                                .filter(e -> e.to().equals("friend@example.org"))
                                .findFirst()
                                .orElseThrow());

        GiftJobRunner later =
                mailer(outbox::add, Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
        assertEquals(new GiftJobRunner.Result(2, 0, 0, 0), later.run());
        String code =
                codeFrom(
                        outbox.stream()
                                .filter(e -> e.to().equals("friend@example.org"))
                                .findFirst()
                                .orElseThrow());

        GiftRedemption redemption = repository.redemption(clock);
        assertEquals(
                GiftRedemption.Failure.UNKNOWN,
                assertThrows(
                                GiftRedemption.RedemptionException.class,
                                () -> redemption.redeem(lostCode, address("friend@example.org")))
                        .failure());
        assertEquals("gift-pi_1", redemption.redeem(code, address("friend@example.org")).id());
    }

    @Test
    void mailer_shouldEndGiftMembership_whenItsYearIsOver_once() {
        // GIVEN a redeemed gift
        buy("Enjoy!");
        mailer(outbox::add, clock).run();
        String code =
                codeFrom(
                        outbox.stream()
                                .filter(e -> e.to().equals("friend@example.org"))
                                .findFirst()
                                .orElseThrow());
        repository.redemption(clock).redeem(code, address("friend@example.org"));
        assertEquals(1, repository.counter(CounterDelta.SUPPORTERS));

        // WHEN the mailer runs the day before the term ends, then after it, twice
        Clock dayBefore =
                Clock.fixed(
                        NOW.plus(GiftRedemption.TERM).minus(Duration.ofDays(1)), ZoneOffset.UTC);
        mailer(outbox::add, dayBefore).run();
        assertEquals(
                1, repository.counter(CounterDelta.SUPPORTERS), "still a member the day before");
        Clock after = Clock.fixed(NOW.plus(GiftRedemption.TERM).plusSeconds(60), ZoneOffset.UTC);
        mailer(outbox::add, after).run();
        mailer(outbox::add, after).run();

        // THEN the membership has ended and was uncounted exactly once, and no email was sent for
        // it
        assertEquals(0, repository.counter(CounterDelta.SUPPORTERS));
        assertFalse(repository.findMember("gift-pi_1").orElseThrow().active());
        assertEquals(2, outbox.size(), "only the recipient's code and the buyer's receipt");
        assertTrue(repository.pendingJobs().isEmpty());
    }

    @Test
    void redeem_shouldCountANewMember_andRefuseTheSecondTime() {
        buy("Enjoy!");
        mailer(outbox::add, clock).run();
        String code =
                codeFrom(
                        outbox.stream()
                                .filter(e -> e.to().equals("friend@example.org"))
                                .findFirst()
                                .orElseThrow());
        GiftRedemption redemption = repository.redemption(clock);

        Member member =
                redemption.redeem(
                        code.toLowerCase().replace("-", " "), address("friend@example.org"));
        assertEquals(Member.Source.GIFT, member.source());
        assertEquals(1, repository.counter(CounterDelta.SUPPORTERS));
        assertEquals(
                GiftRedemption.Failure.ALREADY_REDEEMED,
                assertThrows(
                                GiftRedemption.RedemptionException.class,
                                () -> redemption.redeem(code, address("other@example.org")))
                        .failure());
        assertEquals(1, repository.counter(CounterDelta.SUPPORTERS));
    }

    @Test
    void redeem_shouldRefuse_whenRefundedOrExpired() {
        buy("Enjoy!");
        mailer(outbox::add, clock).run();
        String code =
                codeFrom(
                        outbox.stream()
                                .filter(e -> e.to().equals("friend@example.org"))
                                .findFirst()
                                .orElseThrow());

        GiftRedemption aYearLater =
                repository.redemption(
                        Clock.fixed(
                                NOW.atZone(ZoneOffset.UTC).plusMonths(12).toInstant(),
                                ZoneOffset.UTC));
        assertEquals(
                GiftRedemption.Failure.EXPIRED,
                assertThrows(
                                GiftRedemption.RedemptionException.class,
                                () -> aYearLater.redeem(code, address("friend@example.org")))
                        .failure());

        repository.service(clock).refund("evt_refund", "pi_1");
        GiftRedemption redemption = repository.redemption(clock);
        assertEquals(
                GiftRedemption.Failure.REFUNDED,
                assertThrows(
                                GiftRedemption.RedemptionException.class,
                                () -> redemption.redeem(code, address("friend@example.org")))
                        .failure());
        assertEquals(0, repository.counter(CounterDelta.SUPPORTERS));
    }

    @Test
    void mailer_shouldSendNothing_whenGiftRefundedBeforeDelivery() {
        buy("Enjoy!");
        repository.service(clock).refund("evt_refund", "pi_1");
        assertEquals(new GiftJobRunner.Result(0, 0, 0, 0), mailer(outbox::add, clock).run());
        assertTrue(outbox.isEmpty());
    }
}

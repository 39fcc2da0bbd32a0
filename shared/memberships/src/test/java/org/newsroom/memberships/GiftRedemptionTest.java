package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.limits.CountedCall;
import org.newsroom.core.limits.RateLimiter;
import org.newsroom.memberships.testing.InMemoryMembershipTable;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** How a redemption counts its client's attempt: once, and in its own transaction when it wins. */
class GiftRedemptionTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String CODE = "H3NPV-4RZ8B-XW9TD-7KQ2M";
    private static final String CLIENT = "client-key";
    private static final EmailAddress FRIEND = EmailAddress.parse("friend@example.org").get();

    private final InMemoryMembershipTable table = new InMemoryMembershipTable();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final GiftRedemption redemption = table.redemption(clock);
    private final RateLimiter limiter = table.rateLimiter(3, HOUR);

    /** Counts of each way the limiter is used, around the table's own limiter. */
    private int countedAlone;

    private final RateLimiter watched =
            new RateLimiter() {
                @Override
                public boolean allow(String key, Instant now) {
                    countedAlone++;
                    return limiter.allow(key, now);
                }

                @Override
                public Optional<Update> countingUpdate(String key, Instant now) {
                    return limiter.countingUpdate(key, now);
                }
            };

    private void gift(Gift.State state, Instant validUntil) {
        table.putGift(
                Gift.builder("pi_1", state, NOW)
                        .recipientEmail("friend@example.org")
                        .expiresAt(validUntil)
                        .codeHash(GiftCodes.hash(GiftCodes.normalise(CODE).orElseThrow()))
                        .build());
    }

    private CountedCall attempt() {
        return watched.call(CLIENT, NOW);
    }

    private int calls() {
        return table.calls(CLIENT, NOW, HOUR);
    }

    private GiftRedemption.Failure failure(String code) {
        return assertThrows(
                        GiftRedemption.RedemptionException.class,
                        () -> redemption.redeem(code, FRIEND, attempt()))
                .failure();
    }

    @Test
    void redeem_shouldCountTheWinningAttempt_inItsOwnTransaction() {
        gift(Gift.State.ISSUED, NOW.plus(HOUR));
        CountedCall attempt = attempt();

        assertEquals("gift-pi_1", redemption.redeem(CODE, FRIEND, attempt).id());

        assertEquals(1, calls());
        assertEquals(0, countedAlone, "no round trip of its own");
        // A later question about the same attempt does not count it again.
        assertEquals(true, attempt.allow());
        assertEquals(1, calls());
    }

    @Test
    void redeem_shouldCountEachFailedAttemptOnce_alone() {
        assertEquals(GiftRedemption.Failure.UNKNOWN, failure("not-a-code"));
        assertEquals(GiftRedemption.Failure.UNKNOWN, failure(CODE));
        gift(Gift.State.REFUNDED, NOW.plus(HOUR));
        assertEquals(GiftRedemption.Failure.REFUNDED, failure(CODE));
        assertEquals(3, calls());
        assertEquals(3, countedAlone);
    }

    @Test
    void redeem_shouldCountAnAlreadyRedeemedOrExpiredCode() {
        gift(Gift.State.ISSUED, NOW.plus(HOUR));
        redemption.redeem(CODE, FRIEND, attempt());
        assertEquals(GiftRedemption.Failure.ALREADY_REDEEMED, failure(CODE));
        gift(Gift.State.ISSUED, NOW);
        assertEquals(GiftRedemption.Failure.EXPIRED, failure(CODE));
        assertEquals(3, calls());
    }

    @Test
    void redeem_shouldRefuseAlike_whenOverTheLimit_whetherTheCodeIsGoodOrNot() {
        for (int i = 0; i < 3; i++) {
            failure("not-a-code");
        }
        gift(Gift.State.ISSUED, NOW.plus(HOUR));

        assertThrows(
                GiftRedemption.TooManyAttemptsException.class,
                () -> redemption.redeem(CODE, FRIEND, attempt()));
        assertThrows(
                GiftRedemption.TooManyAttemptsException.class,
                () -> redemption.redeem("not-a-code", FRIEND, attempt()));
        assertThrows(
                GiftRedemption.TooManyAttemptsException.class,
                () -> redemption.redeem("H3NPV-4RZ8B-XW9TD-7KQ2A", FRIEND, attempt()));

        assertEquals(Gift.State.ISSUED, table.findGift("pi_1").orElseThrow().state());
        assertEquals(Optional.empty(), table.findMember("gift-pi_1"));
        assertEquals(0, table.counter(CounterDelta.SUPPORTERS));
        assertEquals(3, calls());
    }

    @Test
    void redeem_shouldCountOnce_whenItsTransactionMustBeTriedAgain() {
        gift(Gift.State.ISSUED, NOW.plus(HOUR));
        GiftRepository conflictingOnce =
                new GiftRepository() {
                    private boolean conflicted;

                    @Override
                    public WriteResult redeemGift(
                            Gift gift,
                            String codeHash,
                            Instant now,
                            Member member,
                            CounterDelta delta,
                            GiftJob membershipEnd,
                            Optional<Update> attempt) {
                        if (!conflicted) {
                            conflicted = true;
                            return WriteResult.CONFLICT;
                        }
                        return table.redeemGift(
                                gift, codeHash, now, member, delta, membershipEnd, attempt);
                    }

                    @Override
                    public Optional<Gift> findGift(String id) {
                        return table.findGift(id);
                    }

                    @Override
                    public Optional<String> findGiftIdByCode(String codeHash) {
                        return table.findGiftIdByCode(codeHash);
                    }

                    @Override
                    public WriteResult writeGift(
                            String eventId,
                            Gift gift,
                            java.util.List<GiftJob> jobs,
                            java.util.List<GiftJob> awaitingAddress) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public WriteResult correctRecipient(Gift gift, GiftJob recipientMail) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public WriteResult revokeGift(String eventId, Gift gift) {
                        throw new UnsupportedOperationException();
                    }
                };

        new GiftRedemption(conflictingOnce, Counting.supportersOnly(), clock)
                .redeem(CODE, FRIEND, attempt());

        assertEquals(1, calls());
        assertEquals(1, table.counter(CounterDelta.SUPPORTERS));
    }

    @Test
    void redeem_shouldCountFirst_whenTheLimiterCannotCountInATransaction() {
        RateLimiter aloneOnly = (key, now) -> limiter.allow(key, now);
        gift(Gift.State.ISSUED, NOW.plus(HOUR));
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    GiftRedemption.Failure.UNKNOWN,
                    assertThrows(
                                    GiftRedemption.RedemptionException.class,
                                    () ->
                                            redemption.redeem(
                                                    "not-a-code",
                                                    FRIEND,
                                                    aloneOnly.call(CLIENT, NOW)))
                            .failure());
        }
        assertThrows(
                GiftRedemption.TooManyAttemptsException.class,
                () -> redemption.redeem(CODE, FRIEND, aloneOnly.call(CLIENT, NOW)));
        assertEquals(Gift.State.ISSUED, table.findGift("pi_1").orElseThrow().state());
        assertEquals(3, calls(), "each failed attempt counted once, not again after it failed");
    }
}

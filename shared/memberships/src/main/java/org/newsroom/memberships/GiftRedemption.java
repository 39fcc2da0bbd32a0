package org.newsroom.memberships;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.limits.CountedCall;
import org.newsroom.core.store.ConcurrentChangeException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Turns a gift code into a membership that counts as a new member. Of any number of concurrent
 * redemptions of one code exactly one wins: the gift must still be ISSUED, with this code, at the
 * version that was read, when the transaction commits. The redeeming client's attempt can count in
 * that same transaction (see {@link #redeem(String, EmailAddress, CountedCall)}).
 */
public final class GiftRedemption {

    /** How long a gift membership lasts from its redemption. */
    public static final Duration TERM = Duration.ofDays(365);

    private final GiftRepository gifts;
    private final Counting counting;
    private final Clock clock;

    public GiftRedemption(GiftRepository gifts, Counting counting, Clock clock) {
        this.gifts = Objects.requireNonNull(gifts, "gifts");
        this.counting = Objects.requireNonNull(counting, "counting");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Why a code did not work. */
    public enum Failure {
        UNKNOWN,
        EXPIRED,
        REFUNDED,
        ALREADY_REDEEMED
    }

    /** A code that did not work, with the reason (safe to show: the caller had the code). */
    public static final class RedemptionException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Failure failure;

        public RedemptionException(Failure failure) {
            super("Gift not redeemable: " + failure);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /**
     * The client's attempts are used up (answered alike whatever the code was, so an over-limit
     * client learns nothing about it); nothing was written.
     */
    public static final class TooManyAttemptsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TooManyAttemptsException() {
            super("Too many redemption attempts");
        }
    }

    /**
     * Redeems the code for {@code email}; returns the new membership, which ends after {@link
     * #TERM}. Throws {@link RedemptionException} when the code does not work. Counts nothing.
     */
    public Member redeem(String typedCode, EmailAddress email) {
        return tryRedeem(typedCode, email, Optional.empty(), null);
    }

    /**
     * The same, counting the attempt against its client's limit exactly once, whatever happens: in
     * the redemption's own transaction when it wins (no round trip of its own), alone before any
     * other answer (an unknown, spent, expired or refunded code, a store failure). Throws {@link
     * TooManyAttemptsException} instead of any answer when the limit is used up.
     */
    public Member redeem(String typedCode, EmailAddress email, CountedCall attempt) {
        Optional<Update> count = attempt.update();
        if (count.isEmpty()) {
            // A limiter that cannot count in the transaction counts first, as a gate.
            countAlone(attempt);
        }
        try {
            return tryRedeem(typedCode, email, count, attempt);
        } catch (TooManyAttemptsException e) {
            throw e;
        } catch (RuntimeException e) {
            countAlone(attempt);
            throw e;
        }
    }

    private static void countAlone(CountedCall attempt) {
        if (!attempt.allow()) {
            throw new TooManyAttemptsException();
        }
    }

    /** {@code count} goes into the transaction, and {@code attempt} learns when it committed. */
    private Member tryRedeem(
            String typedCode, EmailAddress email, Optional<Update> count, CountedCall attempt) {
        String code =
                GiftCodes.normalise(typedCode)
                        .orElseThrow(() -> new RedemptionException(Failure.UNKNOWN));
        String hash = GiftCodes.hash(code);
        for (int tries = 0; tries < MembershipService.MAX_ATTEMPTS; tries++) {
            Instant now = clock.instant();
            Optional<String> giftId = gifts.findGiftIdByCode(hash);
            if (giftId.isEmpty()) {
                throw new RedemptionException(Failure.UNKNOWN);
            }
            Gift gift =
                    gifts.findGift(giftId.get())
                            .orElseThrow(() -> new RedemptionException(Failure.UNKNOWN));
            check(gift, hash, now);
            Member member =
                    Member.builder(
                                    "gift-" + gift.id(),
                                    Member.Status.ACTIVE,
                                    "gift",
                                    Member.Source.GIFT,
                                    now)
                            .email(email.value())
                            .startedAt(now)
                            .build();
            GiftJob end = GiftJob.due(gift.id(), GiftJob.Kind.MEMBERSHIP_END, now.plus(TERM));
            WriteResult result =
                    gifts.redeemGift(
                            gift.redeemedBy(email.value(), now),
                            hash,
                            now,
                            member,
                            counting.started(now),
                            end,
                            count);
            if (result == WriteResult.APPLIED) {
                if (count.isPresent()) {
                    attempt.countedInTransaction();
                }
                return member;
            }
            if (result == WriteResult.OVER_LIMIT) {
                throw new TooManyAttemptsException();
            }
        }
        throw new ConcurrentChangeException("The gift kept changing; try again");
    }

    private static void check(Gift gift, String hash, Instant now) {
        switch (gift.state()) {
            case REDEEMED -> throw new RedemptionException(Failure.ALREADY_REDEEMED);
            case REFUNDED -> throw new RedemptionException(Failure.REFUNDED);
            case PAID -> throw new RedemptionException(Failure.UNKNOWN);
            case ISSUED -> {}
        }
        if (gift.codeHash().filter(hash::equals).isEmpty()) {
            throw new RedemptionException(Failure.UNKNOWN);
        }
        if (gift.expiresAt().map(until -> !now.isBefore(until)).orElse(true)) {
            throw new RedemptionException(Failure.EXPIRED);
        }
    }
}

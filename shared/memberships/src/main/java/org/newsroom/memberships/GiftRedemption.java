package org.newsroom.memberships;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.store.ConcurrentChangeException;

/**
 * Turns a gift code into a membership that counts as a new member. Of any number of concurrent
 * redemptions of one code exactly one wins: the gift must still be ISSUED, with this code and
 * unexpired, when the transaction that redeems it commits (the gift is not read before it; a
 * transaction the gift refuses brings the gift back as it found it, which says why).
 *
 * <p>A refused redemption (a used, refunded or expired code) therefore costs the code's lookup and
 * a cancelled transaction, as an accepted one costs the lookup and the transaction: the client
 * limiter in front of it bounds how often one client can make it. Only a transaction cancelled by a
 * concurrent change elsewhere (the member, a counter) reads the gift before trying again.
 */
public final class GiftRedemption {

    /** How long a gift membership lasts from its redemption. */
    public static final Duration TERM = Duration.ofDays(365);

    /** {@link #TERM} in whole seconds: plusSeconds costs less than plus(Duration), same instant. */
    private static final long TERM_SECONDS = TERM.getSeconds();

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
     * Redeems the code for {@code email}; returns the new membership, which ends after {@link
     * #TERM}. Throws {@link RedemptionException} when the code does not work.
     */
    public Member redeem(String typedCode, EmailAddress email) {
        String code =
                GiftCodes.normalise(typedCode)
                        .orElseThrow(() -> new RedemptionException(Failure.UNKNOWN));
        String hash = GiftCodes.hash(code);
        // A code's gift never changes: read once. The gift itself is not read before the write,
        // whose conditions are the redemption's rules; a refused write brings it back, which says
        // why, and only a write that met another change (or brought nothing back) reads it.
        String giftId =
                gifts.findGiftIdByCode(hash)
                        .orElseThrow(() -> new RedemptionException(Failure.UNKNOWN));
        String memberId = "gift-".concat(giftId);
        for (int attempt = 0; attempt < MembershipService.MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Member member =
                    Member.builder(memberId, Member.Status.ACTIVE, "gift", Member.Source.GIFT, now)
                            .email(email.value())
                            .startedAt(now)
                            .build();
            GiftJob end =
                    GiftJob.due(giftId, GiftJob.Kind.MEMBERSHIP_END, now.plusSeconds(TERM_SECONDS));
            RedemptionWrite write =
                    gifts.redeemGift(
                            giftId, hash, email.value(), now, member, counting.started(now), end);
            if (write.outcome() == RedemptionWrite.Outcome.APPLIED) {
                return member;
            }
            // A refusal that brought no gift back is read again before it is called unknown.
            Optional<Gift> gift =
                    write.outcome() == RedemptionWrite.Outcome.REFUSED && write.found().isPresent()
                            ? write.found()
                            : gifts.findGift(giftId);
            check(gift.orElseThrow(() -> new RedemptionException(Failure.UNKNOWN)), hash, now);
            // Still redeemable: the write met another change. Try again.
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

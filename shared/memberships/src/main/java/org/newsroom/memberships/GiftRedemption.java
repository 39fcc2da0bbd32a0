package org.newsroom.memberships;

import org.newsroom.core.store.ConcurrentChangeException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a gift code into a membership that counts as a new member. Of any number of
 * concurrent redemptions of one code exactly one wins: the gift must still be ISSUED, with
 * this code, at the version that was read, when the transaction commits.
 */
public final class GiftRedemption {

    private final MembershipRepository repository;
    private final Optional<Campaign> campaign;
    private final Clock clock;

    public GiftRedemption(MembershipRepository repository, Optional<Campaign> campaign, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.campaign = Objects.requireNonNull(campaign, "campaign");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Why a code did not work. */
    public enum Failure { UNKNOWN, EXPIRED, REFUNDED, ALREADY_REDEEMED }

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

    /** Redeems the code for {@code email}; returns the new membership. */
    /** How long a gift membership lasts from its redemption. */
    public static final java.time.Duration TERM = java.time.Duration.ofDays(365);

    public Member redeem(String typedCode, String email) {
        String code = GiftCodes.normalise(typedCode).orElseThrow(() -> new RedemptionException(Failure.UNKNOWN));
        String hash = GiftCodes.hash(code);
        for (int attempt = 0; attempt < MembershipService.MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Optional<String> giftId = repository.findGiftIdByCode(hash);
            if (giftId.isEmpty()) {
                throw new RedemptionException(Failure.UNKNOWN);
            }
            Gift gift = repository.findGift(giftId.get()).orElseThrow(() -> new RedemptionException(Failure.UNKNOWN));
            check(gift, hash, now);
            Member member = new Member("gift-" + gift.id(), Member.Status.ACTIVE, "gift", Optional.of(email),
                    Member.Source.GIFT, Optional.of(now), Optional.empty(), now, 0);
            MailJob end = new MailJob(gift.id(), MailJob.Kind.MEMBERSHIP_END, now.plus(TERM), 0);
            WriteResult result = repository.redeemGift(gift.redeemedBy(email, now), hash, now, member,
                    CounterDelta.started(now, campaign), end);
            if (result == WriteResult.APPLIED) {
                return member;
            }
        }
        throw new ConcurrentChangeException("The gift kept changing; try again");
    }

    private static void check(Gift gift, String hash, Instant now) {
        switch (gift.state()) {
            case REDEEMED -> throw new RedemptionException(Failure.ALREADY_REDEEMED);
            case REFUNDED -> throw new RedemptionException(Failure.REFUNDED);
            case PAID -> throw new RedemptionException(Failure.UNKNOWN);
            case ISSUED -> { }
        }
        if (gift.codeHash().filter(hash::equals).isEmpty()) {
            throw new RedemptionException(Failure.UNKNOWN);
        }
        if (gift.expiresAt().map(until -> !now.isBefore(until)).orElse(true)) {
            throw new RedemptionException(Failure.EXPIRED);
        }
    }
}

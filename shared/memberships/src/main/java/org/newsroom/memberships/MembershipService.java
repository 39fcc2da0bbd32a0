package org.newsroom.memberships;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.store.ConcurrentChangeException;

/**
 * The membership rules, independent of Lambda and of the payment provider's JSON.
 *
 * <p>Each operation reads the current item, decides the change and the counter deltas, and writes
 * them in one conditional transaction together with the event id. A concurrent change makes the
 * transaction fail and the operation starts over from a fresh read, so no interleaving of
 * deliveries, retries or out-of-order events can count a membership twice or take a supporter away
 * that was never added.
 */
public final class MembershipService {

    /**
     * How many times an operation re-reads after losing a race before giving up (the provider
     * retries later).
     */
    static final int MAX_ATTEMPTS = 8;

    private final MemberRepository members;
    private final GiftRepository gifts;
    private final ProcessedEvents events;
    private final Counting counting;
    private final Clock clock;

    public MembershipService(
            MemberRepository members,
            GiftRepository gifts,
            ProcessedEvents events,
            Counting counting,
            Clock clock) {
        this.members = Objects.requireNonNull(members, "members");
        this.gifts = Objects.requireNonNull(gifts, "gifts");
        this.events = Objects.requireNonNull(events, "events");
        this.counting = Objects.requireNonNull(counting, "counting");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What an operation did, for logs and tests. */
    public enum Outcome {
        /** A membership started (and was counted). */
        STARTED,
        /** An active membership was renewed or refreshed; counters unchanged. */
        RENEWED,
        /** A membership ended (and was uncounted). */
        ENDED,
        /**
         * The membership had already ended (possibly before its start arrived): nothing counted.
         */
        ALREADY_ENDED,
        /** A gift purchase was recorded and its emails were queued. */
        GIFT_RECORDED,
        /**
         * A gift was revoked by a refund, or a refund was remembered before its purchase arrived.
         */
        GIFT_REVOKED,
        /** Nothing to change (for example the gift was already recorded, refunded or redeemed). */
        NO_CHANGE,
        /** This event id was processed before: nothing written. */
        DUPLICATE
    }

    /**
     * A paid subscription started, or a renewal invoice was paid (which also starts an unknown
     * one). The member's address is the one already stored, if any.
     */
    public Outcome startOrRenew(
            String eventId, String subscriptionId, String plan, Instant startedAt) {
        return startOrRenew(eventId, subscriptionId, plan, startedAt, member -> {});
    }

    /** The same, and the member's address becomes {@code email}. */
    public Outcome startOrRenew(
            String eventId,
            String subscriptionId,
            String plan,
            EmailAddress email,
            Instant startedAt) {
        return startOrRenew(
                eventId, subscriptionId, plan, startedAt, member -> member.email(email.value()));
    }

    /**
     * {@code withAddress} sets the address on the new or refreshed membership, when the event
     * carried one.
     */
    private Outcome startOrRenew(
            String eventId,
            String subscriptionId,
            String plan,
            Instant startedAt,
            Consumer<Member.Builder> withAddress) {
        return retrying(
                "membership",
                () -> {
                    Instant now = clock.instant();
                    Optional<Member> current = members.findMember(subscriptionId);
                    if (current.isEmpty()) {
                        Member.Builder member =
                                Member.builder(
                                                subscriptionId,
                                                Member.Status.ACTIVE,
                                                plan,
                                                Member.Source.STRIPE,
                                                now)
                                        .startedAt(startedAt);
                        withAddress.accept(member);
                        return new Attempt(
                                members.writeMember(
                                        eventId, member.build(), counting.started(startedAt)),
                                Outcome.STARTED);
                    } else if (current.get().active()) {
                        Member.Builder refreshed = current.get().toBuilder().updatedAt(now);
                        withAddress.accept(refreshed);
                        return new Attempt(
                                members.writeMember(
                                        eventId, refreshed.build(), CounterDelta.none()),
                                Outcome.RENEWED);
                    } else {
                        // Ended already: a start or renewal that arrives after the end changes
                        // nothing.
                        return new Attempt(events.markProcessed(eventId), Outcome.ALREADY_ENDED);
                    }
                });
    }

    /** A subscription ended. An end before its start leaves an ended membership behind. */
    public Outcome end(String eventId, String subscriptionId, Instant endedAt) {
        return retrying(
                "membership",
                () -> {
                    Instant now = clock.instant();
                    Optional<Member> current = members.findMember(subscriptionId);
                    if (current.isEmpty()) {
                        Member tombstone =
                                Member.builder(
                                                subscriptionId,
                                                Member.Status.ENDED,
                                                "unknown",
                                                Member.Source.STRIPE,
                                                now)
                                        .endedAt(endedAt)
                                        .build();
                        return new Attempt(
                                members.writeMember(eventId, tombstone, CounterDelta.none()),
                                Outcome.ALREADY_ENDED);
                    } else if (current.get().active()) {
                        Member ended =
                                current.get().toBuilder()
                                        .status(Member.Status.ENDED)
                                        .endedAt(endedAt)
                                        .updatedAt(now)
                                        .build();
                        return new Attempt(
                                members.writeMember(eventId, ended, CounterDelta.ended()),
                                Outcome.ENDED);
                    } else {
                        return new Attempt(events.markProcessed(eventId), Outcome.ALREADY_ENDED);
                    }
                });
    }

    /** Records an event that needs no change, so its retries are recognised too. */
    public Outcome ignore(String eventId) {
        return events.markProcessed(eventId) == WriteResult.DUPLICATE_EVENT
                ? Outcome.DUPLICATE
                : Outcome.NO_CHANGE;
    }

    /**
     * A paid gift purchase: the gift, the recipient's mail (due on the delivery date, or now) and
     * the buyer's receipt (due now). A refund that arrived first wins: nothing is queued.
     */
    public Outcome recordGift(String eventId, GiftPurchase purchase) {
        return retrying(
                "gift",
                () -> {
                    Instant now = clock.instant();
                    Optional<Gift> current = gifts.findGift(purchase.paymentId());
                    if (current.isEmpty()) {
                        Instant recipientDue =
                                purchase.deliverOn()
                                        .map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant())
                                        .filter(due -> due.isAfter(purchase.purchasedAt()))
                                        .orElse(purchase.purchasedAt());
                        Gift.Builder gift =
                                Gift.builder(purchase.paymentId(), Gift.State.PAID, now)
                                        .recipientEmail(purchase.recipientEmail())
                                        .purchasedAt(purchase.purchasedAt())
                                        .expiresAt(GiftCodes.validUntil(recipientDue));
                        purchase.buyerEmail().ifPresent(gift::buyerEmail);
                        purchase.recipientName().ifPresent(gift::recipientName);
                        purchase.message().ifPresent(gift::message);
                        purchase.deliverOn().ifPresent(gift::deliverOn);
                        List<GiftJob> jobs = new ArrayList<>();
                        jobs.add(
                                GiftJob.due(
                                        purchase.paymentId(),
                                        GiftJob.Kind.RECIPIENT_MAIL,
                                        recipientDue));
                        if (purchase.buyerEmail().isPresent()) {
                            jobs.add(
                                    GiftJob.due(
                                            purchase.paymentId(),
                                            GiftJob.Kind.RECEIPT_MAIL,
                                            purchase.purchasedAt()));
                        }
                        return new Attempt(
                                gifts.writeGift(eventId, gift.build(), jobs),
                                Outcome.GIFT_RECORDED);
                    } else {
                        return new Attempt(events.markProcessed(eventId), Outcome.NO_CHANGE);
                    }
                });
    }

    /**
     * A payment was refunded. An unredeemed gift stops working (its code and pending mails go); a
     * redeemed one stays redeemed. A refund for an unknown payment is remembered, so a purchase
     * event that arrives later does not create a gift.
     */
    public Outcome refund(String eventId, String paymentId) {
        return retrying(
                "gift",
                () -> {
                    Instant now = clock.instant();
                    Optional<Gift> current = gifts.findGift(paymentId);
                    if (current.isEmpty()) {
                        Gift tombstone = Gift.builder(paymentId, Gift.State.REFUNDED, now).build();
                        return new Attempt(
                                gifts.writeGift(eventId, tombstone, List.of()),
                                Outcome.GIFT_REVOKED);
                    } else if (current.get().state() == Gift.State.PAID
                            || current.get().state() == Gift.State.ISSUED) {
                        return new Attempt(
                                gifts.revokeGift(
                                        eventId, current.get().withState(Gift.State.REFUNDED, now)),
                                Outcome.GIFT_REVOKED);
                    } else {
                        return new Attempt(events.markProcessed(eventId), Outcome.NO_CHANGE);
                    }
                });
    }

    /**
     * Adds an existing member (the import). The membership id is derived from the address, so
     * importing the same address again finds it and counts nothing.
     */
    public Outcome importMember(
            String memberId, String plan, EmailAddress email, LocalDate startedOn) {
        Instant startedAt = startedOn.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (members.findMember(memberId).isPresent()) {
                return Outcome.NO_CHANGE;
            }
            Member member =
                    Member.builder(
                                    memberId,
                                    Member.Status.ACTIVE,
                                    plan,
                                    Member.Source.IMPORT,
                                    clock.instant())
                            .email(email.value())
                            .startedAt(startedAt)
                            .build();
            if (members.writeMember(member, counting.started(startedAt)) == WriteResult.APPLIED) {
                return Outcome.STARTED;
            }
        }
        throw new ConcurrentChangeException("The membership kept changing; try again");
    }

    /**
     * One try of a read-then-write change: what the write answered and what it means if applied.
     */
    private record Attempt(WriteResult result, Outcome outcome) {}

    /**
     * Runs {@code attempt} until its conditional write applies (a concurrent change makes it read
     * and try again) or finds the event already processed.
     */
    private Outcome retrying(String what, Supplier<Attempt> attempt) {
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            Attempt tried = attempt.get();
            if (tried.result() == WriteResult.DUPLICATE_EVENT) {
                return Outcome.DUPLICATE;
            }
            if (tried.result() == WriteResult.APPLIED) {
                return tried.outcome();
            }
        }
        throw new ConcurrentChangeException("The " + what + " kept changing; try again");
    }
}

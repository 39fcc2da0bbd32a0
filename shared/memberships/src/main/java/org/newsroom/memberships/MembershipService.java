package org.newsroom.memberships;

import org.newsroom.core.store.ConcurrentChangeException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The membership rules, independent of Lambda and of the payment provider's JSON.
 *
 * <p>Each operation reads the current item, decides the change and the counter deltas, and
 * writes them in one conditional transaction together with the event id. A concurrent change
 * makes the transaction fail and the operation starts over from a fresh read, so no
 * interleaving of deliveries, retries or out-of-order events can count a membership twice or
 * take a supporter away that was never added.
 */
public final class MembershipService {

    /** How many times an operation re-reads after losing a race before giving up (the provider retries later). */
    static final int MAX_ATTEMPTS = 8;

    private final MembershipRepository repository;
    private final Optional<Campaign> campaign;
    private final Clock clock;

    public MembershipService(MembershipRepository repository, Optional<Campaign> campaign, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.campaign = Objects.requireNonNull(campaign, "campaign");
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
        /** The membership had already ended (possibly before its start arrived): nothing counted. */
        ALREADY_ENDED,
        /** A gift purchase was recorded and its emails were queued. */
        GIFT_RECORDED,
        /** A gift was revoked by a refund, or a refund was remembered before its purchase arrived. */
        GIFT_REVOKED,
        /** Nothing to change (for example the gift was already recorded, refunded or redeemed). */
        NO_CHANGE,
        /** This event id was processed before: nothing written. */
        DUPLICATE
    }

    /** A paid subscription started, or a renewal invoice was paid (which also starts an unknown one). */
    public Outcome startOrRenew(String eventId, String subscriptionId, String plan, Optional<String> email, Instant startedAt) {
        return retrying("membership", () -> {
            Instant now = clock.instant();
            Optional<Member> current = repository.findMember(subscriptionId);
            if (current.isEmpty()) {
                Member member = new Member(subscriptionId, Member.Status.ACTIVE, plan, email, Member.Source.STRIPE,
                        Optional.of(startedAt), Optional.empty(), now, 0);
                return new Attempt(repository.writeMember(Optional.of(eventId), member, CounterDelta.started(startedAt, campaign)), Outcome.STARTED);
            } else if (current.get().active()) {
                Member existing = current.get();
                Member refreshed = new Member(existing.id(), existing.status(), existing.plan(),
                        email.isPresent() ? email : existing.email(), existing.source(), existing.startedAt(),
                        existing.endedAt(), now, existing.version());
                return new Attempt(repository.writeMember(Optional.of(eventId), refreshed, CounterDelta.none()), Outcome.RENEWED);
            } else {
                // Ended already: a start or renewal that arrives after the end changes nothing.
                return new Attempt(repository.markEvent(eventId), Outcome.ALREADY_ENDED);
            }
        });
    }

    /** A subscription ended. An end before its start leaves an ended membership behind. */
    public Outcome end(String eventId, String subscriptionId, Instant endedAt) {
        return retrying("membership", () -> {
            Instant now = clock.instant();
            Optional<Member> current = repository.findMember(subscriptionId);
            if (current.isEmpty()) {
                Member tombstone = new Member(subscriptionId, Member.Status.ENDED, "unknown", Optional.empty(),
                        Member.Source.STRIPE, Optional.empty(), Optional.of(endedAt), now, 0);
                return new Attempt(repository.writeMember(Optional.of(eventId), tombstone, CounterDelta.none()), Outcome.ALREADY_ENDED);
            } else if (current.get().active()) {
                Member existing = current.get();
                Member ended = new Member(existing.id(), Member.Status.ENDED, existing.plan(), existing.email(),
                        existing.source(), existing.startedAt(), Optional.of(endedAt), now, existing.version());
                return new Attempt(repository.writeMember(Optional.of(eventId), ended, CounterDelta.ended()), Outcome.ENDED);
            } else {
                return new Attempt(repository.markEvent(eventId), Outcome.ALREADY_ENDED);
            }
        });
    }

    /** Records an event that needs no change, so its retries are recognised too. */
    public Outcome ignore(String eventId) {
        return repository.markEvent(eventId) == WriteResult.DUPLICATE_EVENT ? Outcome.DUPLICATE : Outcome.NO_CHANGE;
    }

    /**
     * A paid gift purchase: the gift, the recipient's mail (due on the delivery date, or now) and
     * the buyer's receipt (due now). A refund that arrived first wins: nothing is queued.
     */
    public Outcome recordGift(String eventId, GiftPurchase purchase) {
        return retrying("gift", () -> {
            Instant now = clock.instant();
            Optional<Gift> current = repository.findGift(purchase.paymentId());
            if (current.isEmpty()) {
                Instant recipientDue = purchase.deliverOn()
                        .map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant())
                        .filter(due -> due.isAfter(purchase.purchasedAt()))
                        .orElse(purchase.purchasedAt());
                Gift gift = new Gift(purchase.paymentId(), Gift.State.PAID, purchase.buyerEmail(),
                        Optional.of(purchase.recipientEmail()), purchase.recipientName(), purchase.message(),
                        purchase.deliverOn(), Optional.of(purchase.purchasedAt()),
                        Optional.of(GiftCodes.validUntil(recipientDue)), Optional.empty(), Optional.empty(), now, 0);
                List<MailJob> jobs = new java.util.ArrayList<>();
                jobs.add(new MailJob(gift.id(), MailJob.Kind.RECIPIENT, recipientDue, 0));
                if (purchase.buyerEmail().isPresent()) {
                    jobs.add(new MailJob(gift.id(), MailJob.Kind.RECEIPT, purchase.purchasedAt(), 0));
                }
                return new Attempt(repository.writeGift(Optional.of(eventId), gift, jobs, false), Outcome.GIFT_RECORDED);
            } else {
                return new Attempt(repository.markEvent(eventId), Outcome.NO_CHANGE);
            }
        });
    }

    /**
     * A payment was refunded. An unredeemed gift stops working (its code and pending mails
     * go); a redeemed one stays redeemed. A refund for an unknown payment is remembered, so a
     * purchase event that arrives later does not create a gift.
     */
    public Outcome refund(String eventId, String paymentId) {
        return retrying("gift", () -> {
            Instant now = clock.instant();
            Optional<Gift> current = repository.findGift(paymentId);
            if (current.isEmpty()) {
                Gift tombstone = new Gift(paymentId, Gift.State.REFUNDED, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), now, 0);
                return new Attempt(repository.writeGift(Optional.of(eventId), tombstone, List.of(), false), Outcome.GIFT_REVOKED);
            } else if (current.get().state() == Gift.State.PAID || current.get().state() == Gift.State.ISSUED) {
                return new Attempt(repository.writeGift(Optional.of(eventId), current.get().withState(Gift.State.REFUNDED, now),
                        List.of(), true), Outcome.GIFT_REVOKED);
            } else {
                return new Attempt(repository.markEvent(eventId), Outcome.NO_CHANGE);
            }
        });
    }

    /**
     * Adds an existing member (the import). The membership id is derived from the address, so
     * importing the same address again finds it and counts nothing.
     */
    public Outcome importMember(String memberId, String plan, String email, LocalDate startedOn) {
        Instant startedAt = startedOn.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (repository.findMember(memberId).isPresent()) {
                return Outcome.NO_CHANGE;
            }
            Member member = new Member(memberId, Member.Status.ACTIVE, plan, Optional.of(email), Member.Source.IMPORT,
                    Optional.of(startedAt), Optional.empty(), clock.instant(), 0);
            if (repository.writeMember(Optional.empty(), member, CounterDelta.started(startedAt, campaign)) == WriteResult.APPLIED) {
                return Outcome.STARTED;
            }
        }
        throw new ConcurrentChangeException("The membership kept changing; try again");
    }

    /** One try of a read-then-write change: what the write answered and what it means if applied. */
    private record Attempt(WriteResult result, Outcome outcome) {
    }

    /**
     * Runs {@code attempt} until its conditional write applies (a concurrent change makes it
     * read and try again) or finds the event already processed.
     */
    private Outcome retrying(String what, java.util.function.Supplier<Attempt> attempt) {
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

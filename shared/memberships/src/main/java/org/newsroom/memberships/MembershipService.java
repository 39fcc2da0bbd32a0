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
    private final ImportIds importIds;
    private final Clock clock;

    /**
     * @param importIds the ids of imported members, which the import writes and a first paid
     *     membership looks up ({@link ImportIds#peppered} wherever either can happen)
     */
    public MembershipService(
            MemberRepository members,
            GiftRepository gifts,
            ProcessedEvents events,
            Counting counting,
            ImportIds importIds,
            Clock clock) {
        this.members = Objects.requireNonNull(members, "members");
        this.gifts = Objects.requireNonNull(gifts, "gifts");
        this.events = Objects.requireNonNull(events, "events");
        this.counting = Objects.requireNonNull(counting, "counting");
        this.importIds = Objects.requireNonNull(importIds, "importIds");
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
        /**
         * A paid membership started for an address already counted as an imported member: the
         * imported member is linked to it and ended, and nothing is counted again.
         */
        LINKED_IMPORT,
        /** An ended membership is active again (and counted again; campaigns are not). */
        RESTARTED,
        /** The event is older than the latest one applied to the membership: nothing changed. */
        STALE,
        /** A gift purchase was recorded and its emails were queued. */
        GIFT_RECORDED,
        /**
         * A paid gift whose recipient address was not valid was recorded; its recipient mail waits
         * for a corrected address, and the buyer is asked for one.
         */
        GIFT_NEEDS_ADDRESS,
        /** A gift's recipient address was corrected and its recipient mail is due. */
        RECIPIENT_CORRECTED,
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
        return startOrRenew(eventId, subscriptionId, plan, startedAt, Optional.empty());
    }

    /** The same, and the member's address becomes {@code email}. */
    public Outcome startOrRenew(
            String eventId,
            String subscriptionId,
            String plan,
            EmailAddress email,
            Instant startedAt) {
        return startOrRenew(eventId, subscriptionId, plan, startedAt, Optional.of(email));
    }

    /**
     * {@code email} becomes the address of the new or refreshed membership, when the event carried
     * one (already parsed: a new membership's import id is made from it, not from a second parse).
     * Events are ordered by their time {@code at}: an ended membership starts again only for an
     * event later than the one that ended it (an end wins a tie), so a late start or renewal that
     * Stripe delivers after the end changes nothing.
     */
    private Outcome startOrRenew(
            String eventId,
            String subscriptionId,
            String plan,
            Instant at,
            Optional<EmailAddress> email) {
        Consumer<Member.Builder> withAddress =
                member -> email.ifPresent(e -> member.email(e.value()));
        // With an address, the imported member a new membership would link to is read in the
        // same round trip as the membership: one read instead of two for a first start.
        Optional<String> importId = email.map(importIds::of);
        return retrying(
                "membership",
                () -> {
                    Instant now = clock.instant();
                    Optional<Member> current;
                    Optional<Member> imported;
                    if (importId.isPresent()) {
                        List<Optional<Member>> found =
                                members.findMembers(List.of(subscriptionId, importId.get()));
                        current = found.get(0);
                        imported = found.get(1);
                    } else {
                        current = members.findMember(subscriptionId);
                        imported = Optional.empty();
                    }
                    if (current.isEmpty()) {
                        Member.Builder member =
                                Member.builder(
                                                subscriptionId,
                                                Member.Status.ACTIVE,
                                                plan,
                                                Member.Source.STRIPE,
                                                now)
                                        .startedAt(at)
                                        .eventAt(at);
                        withAddress.accept(member);
                        return start(eventId, member.build(), importId, imported, at);
                    }
                    Member known = current.get();
                    Instant latest = later(known.lastEventAt(), at);
                    if (known.active()) {
                        Member.Builder refreshed = known.toBuilder().updatedAt(now).eventAt(latest);
                        withAddress.accept(refreshed);
                        return new Attempt(
                                members.writeMember(
                                        eventId, refreshed.build(), CounterDelta.none()),
                                Outcome.RENEWED);
                    }
                    if (!at.isAfter(known.lastEventAt())) {
                        // Ended by a later (or simultaneous) event: this start changes nothing.
                        return new Attempt(events.markProcessed(eventId), Outcome.ALREADY_ENDED);
                    }
                    Member.Builder restarted =
                            known.toBuilder()
                                    .status(Member.Status.ACTIVE)
                                    .noEnd()
                                    .eventAt(at)
                                    .updatedAt(now);
                    withAddress.accept(restarted);
                    return new Attempt(
                            members.writeMember(
                                    eventId, restarted.build(), CounterDelta.restarted()),
                            Outcome.RESTARTED);
                });
    }

    /**
     * A new paid membership. When its address was imported before, the imported member is linked to
     * it and ended in the same transaction, and nothing is counted: the person already counts.
     * Otherwise it counts, and an ended placeholder under the address's import id records the link,
     * so importing the address later finds it and counts nothing either. {@code imported} is the
     * member under {@code importId} as read with the membership (no import id: no address).
     */
    private Attempt start(
            String eventId,
            Member member,
            Optional<String> importId,
            Optional<Member> imported,
            Instant at) {
        if (importId.isEmpty()) {
            return new Attempt(
                    members.writeMember(eventId, member, counting.started(at)), Outcome.STARTED);
        }
        if (imported.isPresent() && imported.get().active()) {
            Member linked =
                    imported.get().toBuilder()
                            .status(Member.Status.ENDED)
                            .endedAt(at)
                            .linkedTo(member.id())
                            .updatedAt(member.updatedAt())
                            .build();
            return new Attempt(
                    members.writeMembers(eventId, List.of(member, linked), CounterDelta.none()),
                    Outcome.LINKED_IMPORT);
        }
        if (imported.isPresent()) {
            return new Attempt(
                    members.writeMember(eventId, member, counting.started(at)), Outcome.STARTED);
        }
        Member placeholder =
                Member.builder(
                                importId.get(),
                                Member.Status.ENDED,
                                member.plan(),
                                Member.Source.STRIPE,
                                member.updatedAt())
                        .linkedTo(member.id())
                        .endedAt(at)
                        .eventAt(at)
                        .build();
        return new Attempt(
                members.writeMembers(eventId, List.of(member, placeholder), counting.started(at)),
                Outcome.STARTED);
    }

    /**
     * A subscription ended (cancelled, unpaid, paused, or deleted). An end before its start leaves
     * an ended membership behind; an end older than the latest event applied (a pause delivered
     * after the resume that followed it) changes nothing.
     */
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
                                        .eventAt(endedAt)
                                        .build();
                        return new Attempt(
                                members.writeMember(eventId, tombstone, CounterDelta.none()),
                                Outcome.ALREADY_ENDED);
                    } else if (!current.get().active()) {
                        return new Attempt(events.markProcessed(eventId), Outcome.ALREADY_ENDED);
                    } else if (endedAt.isBefore(current.get().lastEventAt())) {
                        return new Attempt(events.markProcessed(eventId), Outcome.STALE);
                    } else {
                        Member ended =
                                current.get().toBuilder()
                                        .status(Member.Status.ENDED)
                                        .endedAt(endedAt)
                                        .eventAt(endedAt)
                                        .updatedAt(now)
                                        .build();
                        return new Attempt(
                                members.writeMember(eventId, ended, CounterDelta.ended()),
                                Outcome.ENDED);
                    }
                });
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Records an event that needs no change, so its retries are recognised too. */
    public Outcome ignore(String eventId) {
        return events.markProcessed(eventId) == WriteResult.DUPLICATE_EVENT
                ? Outcome.DUPLICATE
                : Outcome.NO_CHANGE;
    }

    /**
     * A paid gift purchase: the gift, the recipient's mail (due on the delivery date, or now) and
     * the buyer's receipt (due now). A refund that arrived first wins: nothing is queued. Without a
     * valid recipient address the gift is recorded all the same: its recipient mail waits for a
     * corrected address ({@link #correctRecipient}) and the buyer, instead of a receipt, gets an
     * email asking for one.
     */
    public Outcome recordGift(String eventId, GiftPurchase purchase) {
        return retrying(
                "gift",
                () -> {
                    Instant now = clock.instant();
                    Optional<Gift> current = gifts.findGift(purchase.paymentId());
                    if (current.isPresent()) {
                        return new Attempt(events.markProcessed(eventId), Outcome.NO_CHANGE);
                    }
                    Instant recipientDue =
                            recipientDue(purchase.deliverOn(), purchase.purchasedAt());
                    Gift.Builder gift =
                            Gift.builder(purchase.paymentId(), Gift.State.PAID, now)
                                    .purchasedAt(purchase.purchasedAt())
                                    .expiresAt(GiftCodes.validUntil(recipientDue));
                    purchase.recipientEmail().ifPresent(gift::recipientEmail);
                    purchase.buyerEmail().ifPresent(gift::buyerEmail);
                    purchase.recipientName().ifPresent(gift::recipientName);
                    purchase.message().ifPresent(gift::message);
                    purchase.deliverOn().ifPresent(gift::deliverOn);
                    GiftJob recipientMail =
                            GiftJob.due(
                                    purchase.paymentId(),
                                    GiftJob.Kind.RECIPIENT_MAIL,
                                    recipientDue);
                    List<GiftJob> buyerMail = new ArrayList<>();
                    if (purchase.recipientEmail().isEmpty()) {
                        if (purchase.buyerEmail().isPresent()) {
                            buyerMail.add(
                                    GiftJob.due(
                                            purchase.paymentId(),
                                            GiftJob.Kind.ADDRESS_REQUEST,
                                            purchase.purchasedAt()));
                        }
                        return new Attempt(
                                gifts.writeGift(
                                        eventId, gift.build(), buyerMail, List.of(recipientMail)),
                                Outcome.GIFT_NEEDS_ADDRESS);
                    }
                    List<GiftJob> jobs = new ArrayList<>(List.of(recipientMail));
                    if (purchase.buyerEmail().isPresent()) {
                        jobs.add(
                                GiftJob.due(
                                        purchase.paymentId(),
                                        GiftJob.Kind.RECEIPT_MAIL,
                                        purchase.purchasedAt()));
                    }
                    return new Attempt(
                            gifts.writeGift(eventId, gift.build(), jobs), Outcome.GIFT_RECORDED);
                });
    }

    /** The delivery date's start (UTC) when it is after the purchase, else the purchase. */
    private static Instant recipientDue(Optional<LocalDate> deliverOn, Instant purchasedAt) {
        return deliverOn
                .map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant())
                .filter(due -> due.isAfter(purchasedAt))
                .orElse(purchasedAt);
    }

    /**
     * The operator's correction of a gift's recipient address: the gift takes {@code recipient} and
     * its recipient mail becomes due (now, or on the delivery date), whether it was waiting for the
     * address, dead-lettered or already sent to a wrong one (a new code is issued then, and the old
     * one stops working). {@link Outcome#NO_CHANGE} for an unknown, refunded or redeemed gift.
     */
    public Outcome correctRecipient(String giftId, EmailAddress recipient) {
        return retrying(
                "gift",
                () -> {
                    Instant now = clock.instant();
                    Optional<Gift> current = gifts.findGift(giftId);
                    if (current.isEmpty()
                            || !(current.get().state() == Gift.State.PAID
                                    || current.get().state() == Gift.State.ISSUED)) {
                        return new Attempt(WriteResult.APPLIED, Outcome.NO_CHANGE);
                    }
                    Instant due = recipientDue(current.get().deliverOn(), now);
                    Gift corrected =
                            current.get().toBuilder()
                                    .recipientEmail(recipient.value())
                                    .expiresAt(GiftCodes.validUntil(due))
                                    .updatedAt(now)
                                    .build();
                    return new Attempt(
                            gifts.correctRecipient(
                                    corrected,
                                    GiftJob.due(giftId, GiftJob.Kind.RECIPIENT_MAIL, due)),
                            Outcome.RECIPIENT_CORRECTED);
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
     * Adds an existing member (the import). The membership id is derived from the address ({@link
     * ImportIds}), so importing the same address again finds it and counts nothing.
     */
    public Outcome importMember(String plan, EmailAddress email, LocalDate startedOn) {
        String memberId = importIds.of(email);
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

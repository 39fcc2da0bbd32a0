package org.newsroom.memberships;

import static org.newsroom.memberships.MembershipItems.VERSION;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** {@link GiftRepository} on the {@link MembershipTable}. */
public final class DynamoDbGiftRepository implements GiftRepository {

    /**
     * A redemption, written without reading the gift: the attributes {@link Gift#redeemedBy}
     * changes in the item {@code MembershipItems.toItem(Gift, long)} makes (state, redeemer, update
     * time, version), on the condition that the gift is issued with this code and not expired.
     */
    private static final String REDEEM =
            "SET #state = :redeemed, #by = :email, #updated = :updated, #v = #v + :one";

    private static final String REDEEMABLE = "#state = :issued AND #code = :code AND #until > :now";

    private static final Map<String, String> REDEEM_NAMES =
            MembershipTable.names(
                    "#v",
                    VERSION,
                    "#state",
                    MembershipItems.STATE,
                    "#by",
                    MembershipItems.REDEEMED_BY,
                    "#updated",
                    MembershipItems.UPDATED_AT,
                    "#code",
                    MembershipItems.CODE_HASH,
                    "#until",
                    MembershipItems.VALID_UNTIL);

    private static final AttributeValue ISSUED = MembershipItems.stateValue(Gift.State.ISSUED);
    private static final AttributeValue REDEEMED = MembershipItems.stateValue(Gift.State.REDEEMED);
    private static final AttributeValue ONE = AttributeValue.fromN("1");

    private final MembershipTable table;

    public DynamoDbGiftRepository(MembershipTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Optional<Gift> findGift(String id) {
        return table.get(MembershipItems.giftKey(id), "Could not read a gift")
                .map(MembershipItems::toGift);
    }

    @Override
    public WriteResult writeGift(
            String eventId, Gift gift, List<GiftJob> jobs, List<GiftJob> awaitingAddress) {
        MembershipTable.Transaction transaction = markEventAndStoreNextVersion(eventId, gift);
        MembershipItems.addressItems(gift).forEach(transaction::put);
        jobs.forEach(job -> transaction.put(MembershipItems.toItem(job)));
        awaitingAddress.forEach(
                job ->
                        transaction.put(
                                MembershipItems.toItem(
                                        job, MembershipItems.ADDRESS_NEEDED_KEY_VALUE)));
        return transaction.commit();
    }

    /**
     * {@inheritDoc} The recipient's address item is replaced too, so the old address no longer
     * finds the gift and the corrected one does.
     */
    @Override
    public WriteResult correctRecipient(Gift gift, GiftJob recipientMail) {
        MembershipTable.Transaction transaction =
                table.transaction()
                        .putVersioned(
                                MembershipItems.toItem(gift, gift.version() + 1), gift.version());
        gift.recipientEmail()
                .ifPresent(
                        address ->
                                transaction.put(
                                        MembershipItems.addressItem(
                                                gift.id(), GiftAddress.Role.RECIPIENT, address)));
        return transaction.put(MembershipItems.toItem(recipientMail)).commit();
    }

    @Override
    public WriteResult revokeGift(String eventId, Gift gift) {
        MembershipTable.Transaction transaction = markEventAndStoreNextVersion(eventId, gift);
        for (GiftJob.Kind kind : GiftJob.Kind.values()) {
            transaction.delete(MembershipItems.jobKey(gift.id(), kind));
        }
        return transaction.commit();
    }

    /** A transaction that marks the event processed and stores the gift's next version. */
    private MembershipTable.Transaction markEventAndStoreNextVersion(String eventId, Gift gift) {
        return table.transaction()
                .markEvent(eventId)
                .putVersioned(MembershipItems.toItem(gift, gift.version() + 1), gift.version());
    }

    @Override
    public Optional<String> findGiftIdByCode(String codeHash) {
        return table.get(MembershipItems.codeKey(codeHash), "Could not read a gift code")
                .map(item -> item.get(MembershipItems.GIFT_ID).s());
    }

    @Override
    public RedemptionWrite redeemGift(
            String giftId,
            String codeHash,
            String email,
            Instant now,
            Member member,
            CounterDelta delta,
            GiftJob membershipEnd) {
        Map<String, AttributeValue> values = new HashMap<>(12);
        values.put(":redeemed", REDEEMED);
        values.put(":email", AttributeValue.fromS(email));
        values.put(":updated", MembershipItems.updatedAtValue(now));
        values.put(":one", ONE);
        values.put(":issued", ISSUED);
        values.put(":code", AttributeValue.fromS(codeHash));
        values.put(":now", AttributeValue.fromS(MembershipItems.sortable(now)));
        MembershipTable.Committed committed =
                table.transaction()
                        .update(
                                Update.builder()
                                        .key(MembershipItems.giftKey(giftId))
                                        .updateExpression(REDEEM)
                                        .conditionExpression(REDEEMABLE)
                                        .expressionAttributeNames(REDEEM_NAMES)
                                        .expressionAttributeValues(values)
                                        // A refusal brings the gift back: it says why.
                                        .returnValuesOnConditionCheckFailure(
                                                ReturnValuesOnConditionCheckFailure.ALL_OLD))
                        .putVersioned(
                                MembershipItems.toItem(member, member.version() + 1),
                                member.version())
                        .count(delta)
                        .put(MembershipItems.toItem(membershipEnd))
                        .commitSeeingRefusal();
        if (committed.result() == WriteResult.APPLIED) {
            return RedemptionWrite.APPLIED;
        }
        return committed
                .refusedFirst()
                .map(
                        found ->
                                RedemptionWrite.refused(
                                        found.isEmpty()
                                                ? Optional.empty()
                                                : Optional.of(MembershipItems.toGift(found))))
                .orElse(RedemptionWrite.CONFLICT);
    }
}

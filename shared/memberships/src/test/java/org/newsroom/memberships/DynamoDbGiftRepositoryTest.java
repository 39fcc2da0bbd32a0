package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

class DynamoDbGiftRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final DynamoDbClient dynamo = mock(DynamoDbClient.class);
    private final MembershipTable table =
            new MembershipTable(dynamo, "members", 4, Clock.fixed(NOW, ZoneOffset.UTC), bound -> 1);
    private final DynamoDbGiftRepository gifts = new DynamoDbGiftRepository(table);
    private final DynamoDbGiftJobQueue jobs = new DynamoDbGiftJobQueue(table);

    private static Gift issued() {
        return Gift.builder("pi_1", Gift.State.ISSUED, NOW)
                .recipientEmail("friend@example.org")
                .expiresAt(NOW.plusSeconds(86_400))
                .codeHash("old")
                .version(3)
                .build();
    }

    @SuppressWarnings("unchecked")
    private List<TransactWriteItem> capturedTransaction() {
        ArgumentCaptor<Consumer<TransactWriteItemsRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo).transactWriteItems(captor.capture());
        TransactWriteItemsRequest.Builder builder = TransactWriteItemsRequest.builder();
        captor.getValue().accept(builder);
        return builder.build().transactItems();
    }

    @Test
    void redeemGift_shouldRedeemCreateMemberCountAndQueueTheEnd_inOneTransaction() {
        Member member =
                Member.builder("gift-pi_1", Member.Status.ACTIVE, "gift", Member.Source.GIFT, NOW)
                        .startedAt(NOW)
                        .build();
        gifts.redeemGift(
                "pi_1",
                "old",
                "friend@example.org",
                NOW,
                member,
                Counting.supportersOnly().started(NOW),
                GiftJob.due("pi_1", GiftJob.Kind.MEMBERSHIP_END, NOW.plusSeconds(60)));

        List<TransactWriteItem> items = capturedTransaction();
        assertEquals(4, items.size());
        assertEquals("GIFT#pi_1", items.get(0).update().key().get("pk").s());
        assertEquals(
                "#state = :issued AND #code = :code AND #until > :now",
                items.get(0).update().conditionExpression());
        assertEquals("old", items.get(0).update().expressionAttributeValues().get(":code").s());
        assertEquals("MEMBER#gift-pi_1", items.get(1).put().item().get("pk").s());
        assertEquals("COUNTER#1", items.get(2).update().key().get("pk").s());
        assertEquals("MAIL#MEMBERSHIP_END", items.get(3).put().item().get("sk").s());
    }

    /**
     * The redemption's update, applied to a stored issued gift, leaves exactly the item a redeemed
     * copy of that gift is stored as: the two ways of writing a redemption cannot drift apart.
     */
    @Test
    void redeemGift_shouldLeaveTheItemARedeemedGiftIsStoredAs() {
        Gift stored = issued().toBuilder().buyerEmail("buyer@example.org").message("Enjoy").build();
        Instant later = NOW.plusMillis(1_234);
        gifts.redeemGift(
                "pi_1",
                "old",
                "friend@example.org",
                later,
                Member.builder("gift-pi_1", Member.Status.ACTIVE, "gift", Member.Source.GIFT, later)
                        .build(),
                Counting.supportersOnly().started(later),
                GiftJob.due("pi_1", GiftJob.Kind.MEMBERSHIP_END, later.plusSeconds(60)));
        Update update = capturedTransaction().get(0).update();

        Map<String, AttributeValue> item =
                new HashMap<>(MembershipItems.toItem(stored, stored.version()));
        Matcher set =
                Pattern.compile("(#\\w+) = (?:(:\\w+)|(#\\w+) \\+ (:\\w+))")
                        .matcher(update.updateExpression().substring("SET ".length()));
        int applied = 0;
        while (set.find()) {
            String name = update.expressionAttributeNames().get(set.group(1));
            if (set.group(2) != null) {
                item.put(name, update.expressionAttributeValues().get(set.group(2)));
            } else {
                long sum =
                        Long.parseLong(
                                        item.get(
                                                        update.expressionAttributeNames()
                                                                .get(set.group(3)))
                                                .n())
                                + Long.parseLong(
                                        update.expressionAttributeValues().get(set.group(4)).n());
                item.put(name, AttributeValue.fromN(Long.toString(sum)));
            }
            applied++;
        }

        assertEquals(4, applied, update.updateExpression());
        assertEquals(
                MembershipItems.toItem(
                        stored.redeemedBy("friend@example.org", later), stored.version() + 1),
                item);
    }

    @Test
    void writeGift_shouldFileTheGiftUnderItsBuyerAndRecipient_inTheSameTransaction() {
        // GIVEN a paid gift with both addresses
        Gift paid =
                Gift.builder("pi_1", Gift.State.PAID, NOW)
                        .buyerEmail("buyer@example.org")
                        .recipientEmail("friend@example.org")
                        .purchasedAt(NOW)
                        .build();
        // WHEN it is recorded
        gifts.writeGift(
                "evt_gift", paid, List.of(GiftJob.due("pi_1", GiftJob.Kind.RECIPIENT_MAIL, NOW)));
        // THEN one address item per address, each with email for the MembersByEmail index
        List<TransactWriteItem> items = capturedTransaction();
        assertEquals(5, items.size());
        assertEquals("GIFT", items.get(1).put().item().get("sk").s());
        assertNull(items.get(1).put().item().get("email"), "the gift itself is not in the index");
        Map<String, AttributeValue> buyer = items.get(2).put().item();
        assertEquals("GIFT#pi_1", buyer.get("pk").s());
        assertEquals("ADDRESS#BUYER", buyer.get("sk").s());
        assertEquals("buyer@example.org", buyer.get("email").s());
        assertEquals("pi_1", buyer.get("giftId").s());
        Map<String, AttributeValue> recipient = items.get(3).put().item();
        assertEquals("ADDRESS#RECIPIENT", recipient.get("sk").s());
        assertEquals("friend@example.org", recipient.get("email").s());
        assertEquals("MAIL#RECIPIENT", items.get(4).put().item().get("sk").s());
    }

    @Test
    void writeGift_shouldFileOnlyTheBuyer_whenTheRecipientAddressIsMissing() {
        Gift paid =
                Gift.builder("pi_2", Gift.State.PAID, NOW)
                        .buyerEmail("buyer@example.org")
                        .purchasedAt(NOW)
                        .build();
        gifts.writeGift("evt_gift", paid, List.of());
        List<TransactWriteItem> items = capturedTransaction();
        assertEquals(
                List.of("EVENT", "GIFT", "ADDRESS#BUYER"),
                items.stream().map(item -> item.put().item().get("sk").s()).toList());
    }

    @Test
    void correctRecipient_shouldReplaceTheRecipientsAddressItem() {
        Gift corrected =
                issued().toBuilder()
                        .recipientEmail("right@example.org")
                        .state(Gift.State.PAID)
                        .build();
        gifts.correctRecipient(corrected, GiftJob.due("pi_1", GiftJob.Kind.RECIPIENT_MAIL, NOW));
        List<TransactWriteItem> items = capturedTransaction();
        assertEquals(3, items.size());
        Map<String, AttributeValue> recipient = items.get(1).put().item();
        // The same key as before: the old address's item is overwritten, not left behind.
        assertEquals(
                MembershipItems.giftAddressKey("pi_1", GiftAddress.Role.RECIPIENT).get("sk"),
                recipient.get("sk"));
        assertEquals("right@example.org", recipient.get("email").s());
        assertNull(items.get(1).put().conditionExpression());
    }

    @Test
    void revokeGift_shouldMarkEventPutGiftAndDeleteEveryJob_inOneTransaction() {
        gifts.revokeGift("evt_refund", issued().withState(Gift.State.REFUNDED, NOW));

        List<TransactWriteItem> items = capturedTransaction();
        assertEquals(6, items.size());
        assertEquals("EVENT#evt_refund", items.get(0).put().item().get("pk").s());
        assertEquals("REFUNDED", items.get(1).put().item().get("state").s());
        assertEquals(
                List.of(
                        "MAIL#RECIPIENT",
                        "MAIL#RECEIPT",
                        "MAIL#MEMBERSHIP_END",
                        "MAIL#ADDRESS_REQUEST"),
                items.subList(2, 6).stream()
                        .map(item -> item.delete().key().get("sk").s())
                        .toList());
    }

    @Test
    void claimIssuingCode_shouldLeaseJobIssueCodeAndDropTheOldCode_inOneTransaction() {
        jobs.claimIssuingCode(
                GiftJob.due("pi_1", GiftJob.Kind.RECIPIENT_MAIL, NOW),
                issued(),
                "new",
                NOW,
                NOW.plusSeconds(600));

        List<TransactWriteItem> items = capturedTransaction();
        assertEquals(4, items.size());
        Update claim = items.get(0).update();
        assertEquals("MAIL#RECIPIENT", claim.key().get("sk").s());
        // The job stays in the due index, due again at the lease's end unless deleted as sent.
        assertEquals("#k = :due AND #at = :seen", claim.conditionExpression());
        assertEquals(
                "SET #at = :lease, #claimed = :now ADD #attempts :one", claim.updateExpression());
        assertEquals("GIFT_MAIL", claim.expressionAttributeValues().get(":due").s());
        assertEquals("2026-11-26T12:00:00Z", claim.expressionAttributeValues().get(":seen").s());
        assertEquals("2026-11-26T12:10:00Z", claim.expressionAttributeValues().get(":lease").s());
        assertEquals("new", items.get(1).put().item().get("codeHash").s());
        assertEquals("CODE#new", items.get(2).put().item().get("pk").s());
        assertEquals("attribute_not_exists(#pk)", items.get(2).put().conditionExpression());
        assertEquals("CODE#old", items.get(3).delete().key().get("pk").s());
        assertNull(items.get(0).put());
    }

    @Test
    void jobItems_shouldKeepTheirStoredKindNames() {
        for (GiftJob.Kind kind : GiftJob.Kind.values()) {
            GiftJob job = GiftJob.due("pi_1", kind, NOW);
            assertEquals(kind, MembershipItems.toGiftJob(MembershipItems.toItem(job)).kind());
        }
        assertEquals(
                "RECEIPT",
                MembershipItems.toItem(GiftJob.due("pi_1", GiftJob.Kind.RECEIPT_MAIL, NOW))
                        .get("kind")
                        .s());
    }

    @Test
    void deadLetter_shouldMoveTheJobToTheDeadList_onlyIfStillAsLeased() {
        jobs.deadLetter(
                new GiftJob("pi_1", GiftJob.Kind.RECEIPT_MAIL, NOW, 8),
                NOW.plusSeconds(600),
                NOW,
                "MailSendException");

        ArgumentCaptor<UpdateItemRequest> captor = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(dynamo).updateItem(captor.capture());
        UpdateItemRequest update = captor.getValue();
        assertEquals("MAIL#RECEIPT", update.key().get("sk").s());
        assertEquals("SET #k = :dead, #at = :now, #failure = :failure", update.updateExpression());
        assertEquals("GIFT_MAIL_DEAD", update.expressionAttributeValues().get(":dead").s());
        assertEquals("MailSendException", update.expressionAttributeValues().get(":failure").s());
        // Only the run holding the job (at its lease's end) moves it, so it is counted once.
        assertEquals("#k = :due AND #at = :seen", update.conditionExpression());
        assertEquals("2026-11-26T12:10:00Z", update.expressionAttributeValues().get(":seen").s());
    }

    @Test
    void retry_shouldMakeOnlyADeadLetterDueAgain_withItsAttemptsReset() {
        jobs.retry("pi_1", GiftJob.Kind.RECIPIENT_MAIL, NOW);

        ArgumentCaptor<UpdateItemRequest> captor = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(dynamo).updateItem(captor.capture());
        UpdateItemRequest update = captor.getValue();
        assertEquals("#k = :dead", update.conditionExpression());
        assertEquals("GIFT_MAIL", update.expressionAttributeValues().get(":due").s());
        assertEquals("0", update.expressionAttributeValues().get(":zero").n());
    }

    /** A redemption of gift pi_1 at {@link #NOW}, as the tests below make it. */
    private RedemptionWrite redeem() {
        return gifts.redeemGift(
                "pi_1",
                "old",
                "friend@example.org",
                NOW,
                Member.builder("gift-pi_1", Member.Status.ACTIVE, "gift", Member.Source.GIFT, NOW)
                        .build(),
                Counting.supportersOnly().started(NOW),
                GiftJob.due("pi_1", GiftJob.Kind.MEMBERSHIP_END, NOW.plusSeconds(60)));
    }

    private RedemptionWrite redeemRefusedWith(CancellationReason... reasons) {
        when(dynamo.transactWriteItems(any(Consumer.class)))
                .thenThrow(
                        TransactionCanceledException.builder()
                                .message("cancelled")
                                .cancellationReasons(reasons)
                                .build());
        return redeem();
    }

    /** The gift's refusal, bringing back the gift redeemed by someone else (version 4). */
    private static CancellationReason refusedByRedeemedGift() {
        Gift redeemed = issued().redeemedBy("someone@example.org", NOW.minusSeconds(60));
        return reason("ConditionalCheckFailed").toBuilder()
                .item(MembershipItems.toItem(redeemed, 4))
                .build();
    }

    private static CancellationReason reason(String code) {
        return CancellationReason.builder().code(code).build();
    }

    @Test
    void redeemGift_shouldAskForTheGiftBack_whenItsConditionsRefuse() {
        redeem();

        assertEquals(
                ReturnValuesOnConditionCheckFailure.ALL_OLD,
                capturedTransaction().get(0).update().returnValuesOnConditionCheckFailure());
    }

    @Test
    void redeemGift_shouldAnswerTheGiftAsFound_whenItsConditionsRefuse() {
        CancellationReason refused = refusedByRedeemedGift();

        RedemptionWrite write =
                redeemRefusedWith(refused, reason("None"), reason("None"), reason("None"));

        assertEquals(RedemptionWrite.Outcome.REFUSED, write.outcome());
        Gift found = write.found().orElseThrow();
        assertEquals(Gift.State.REDEEMED, found.state());
        assertEquals(4, found.version());
    }

    @Test
    void redeemGift_shouldAnswerNoGift_whenTheRefusingItemIsMissing() {
        RedemptionWrite write =
                redeemRefusedWith(
                        reason("ConditionalCheckFailed"),
                        reason("None"),
                        reason("None"),
                        reason("None"));

        assertEquals(RedemptionWrite.refused(java.util.Optional.empty()), write);
    }

    @Test
    void redeemGift_shouldAnswerConflict_whenAnotherWriteWasRefused() {
        assertEquals(
                RedemptionWrite.CONFLICT,
                redeemRefusedWith(
                        reason("None"),
                        reason("ConditionalCheckFailed"),
                        reason("None"),
                        reason("None")));
        assertEquals(
                RedemptionWrite.CONFLICT,
                redeemRefusedWith(
                        reason("TransactionConflict"),
                        reason("None"),
                        reason("None"),
                        reason("None")));
    }

    @Test
    void redeemGift_shouldAnswerTheGiftAsFound_whenTheMemberWasRefusedToo() {
        CancellationReason refused = refusedByRedeemedGift();

        RedemptionWrite write =
                redeemRefusedWith(
                        refused, reason("ConditionalCheckFailed"), reason("None"), reason("None"));

        assertEquals(RedemptionWrite.Outcome.REFUSED, write.outcome());
        assertEquals(Gift.State.REDEEMED, write.found().orElseThrow().state());
    }

    @Test
    void redeemGift_shouldFail_whenTheTransactionWasCancelledForAnotherReason() {
        assertThrows(
                MembershipStoreException.class,
                () ->
                        redeemRefusedWith(
                                reason("None"),
                                reason("None"),
                                reason("ThrottlingError"),
                                reason("None")));
    }
}

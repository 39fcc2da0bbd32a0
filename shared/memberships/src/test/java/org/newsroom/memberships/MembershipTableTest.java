package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;

class MembershipTableTest {

    private final DynamoDbClient dynamo = mock(DynamoDbClient.class);
    private final MembershipTable table =
            new MembershipTable(
                    dynamo,
                    "members",
                    MembershipTable.MAX_SHARDS,
                    Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                    bound -> bound - 1);

    @Test
    void addExpression_shouldNameEveryCounterOnce_whetherMadeAheadOrNot() {
        assertEquals("ADD #c0 :d0", MembershipTable.addExpression(1));
        assertEquals("ADD #c0 :d0, #c1 :d1", MembershipTable.addExpression(2));
        assertEquals("ADD #c0 :d0, #c1 :d1, #c2 :d2", MembershipTable.addExpression(3));
        assertEquals("ADD #c0 :d0, #c1 :d1, #c2 :d2, #c3 :d3", MembershipTable.addExpression(4));
        for (int n = 1; n <= 10; n++) {
            assertEquals(MembershipTable.buildAddExpression(n), MembershipTable.addExpression(n));
        }
    }

    @SuppressWarnings("unchecked")
    private Update countedUpdate(Map<String, Long> changes) {
        table.transaction()
                .put(Map.of("pk", AttributeValue.fromS("x"), "sk", AttributeValue.fromS("x")))
                .count(new CounterDelta(changes))
                .commit();
        ArgumentCaptor<Consumer<TransactWriteItemsRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo, org.mockito.Mockito.atLeastOnce()).transactWriteItems(captor.capture());
        TransactWriteItemsRequest.Builder builder = TransactWriteItemsRequest.builder();
        captor.getValue().accept(builder);
        return builder.build().transactItems().get(1).update();
    }

    /** What count wrote before the one- and two-counter changes got their own small maps. */
    private static void assertNamesAndValuesInOrder(Map<String, Long> changes, Update update) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, Long> change : changes.entrySet()) {
            names.put("#c" + i, change.getKey());
            values.put(":d" + i, AttributeValue.fromN(Long.toString(change.getValue())));
            i++;
        }
        assertEquals(names, update.expressionAttributeNames());
        assertEquals(values, update.expressionAttributeValues());
        assertEquals(MembershipTable.buildAddExpression(changes.size()), update.updateExpression());
        assertEquals("COUNTER#98", update.key().get("pk").s());
        assertEquals("COUNTER", update.key().get("sk").s());
        assertEquals("members", update.tableName());
    }

    @Test
    void count_shouldNameEachCounterAndChangeInTheDeltasOrder_forAnyNumberOfCounters() {
        List<Map<String, Long>> deltas =
                List.of(
                        Map.of(CounterDelta.SUPPORTERS, 1L),
                        Map.of(CounterDelta.SUPPORTERS, -1L),
                        ordered("supporters", 1L, "campaign:x", 1L),
                        ordered("campaign:x", -1L, "supporters", 1L),
                        ordered("supporters", 1L, "campaign:x", 1L, "campaign:y", 12L),
                        ordered("a", 1L, "b", 2L, "c", 3L, "d", -4L));
        for (Map<String, Long> delta : deltas) {
            assertNamesAndValuesInOrder(delta, countedUpdate(delta));
        }
    }

    @Test
    void count_shouldReuseTheWriteOfAShard_forTheSameChange_andWriteAnotherChangeAsItIs() {
        int[] shard = {3};
        MembershipTable shards =
                new MembershipTable(
                        dynamo,
                        "members",
                        10,
                        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                        bound -> shard[0]);
        CounterDelta started = new CounterDelta(ordered("supporters", 1L, "campaign:x", 1L));
        Update first = counted(shards, started);
        assertSame(first, counted(shards, started), "built once for the shard");
        assertEquals("COUNTER#3", first.key().get("pk").s());

        shard[0] = 7;
        Update other = counted(shards, started);
        assertEquals("COUNTER#7", other.key().get("pk").s());
        assertEquals(first.expressionAttributeValues(), other.expressionAttributeValues());

        // A different change (a campaign replaced, an end) is written with its own counters.
        CounterDelta ended = new CounterDelta(Map.of("supporters", -1L));
        Update end = counted(shards, ended);
        assertEquals(Map.of("#c0", "supporters"), end.expressionAttributeNames());
        assertEquals(Map.of(":d0", AttributeValue.fromN("-1")), end.expressionAttributeValues());
        assertEquals("COUNTER#7", end.key().get("pk").s());
        // and the first change again is written as it was, not as the last one
        Update again =
                counted(shards, new CounterDelta(ordered("supporters", 1L, "campaign:x", 1L)));
        assertEquals(other.expressionAttributeNames(), again.expressionAttributeNames());
        assertEquals(other.expressionAttributeValues(), again.expressionAttributeValues());
        assertEquals(other.updateExpression(), again.updateExpression());
        assertEquals(other.key(), again.key());
    }

    /** The counter update that committing a transaction of only {@code delta} sends. */
    @SuppressWarnings("unchecked")
    private Update counted(MembershipTable table, CounterDelta delta) {
        table.transaction().count(delta).commit();
        ArgumentCaptor<Consumer<TransactWriteItemsRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo, org.mockito.Mockito.atLeastOnce()).transactWriteItems(captor.capture());
        TransactWriteItemsRequest.Builder builder = TransactWriteItemsRequest.builder();
        captor.getValue().accept(builder);
        List<TransactWriteItem> writes = builder.build().transactItems();
        assertEquals(1, writes.size());
        return writes.get(0).update();
    }

    @Test
    void items_shouldHoldEveryAttribute_andReadBackToTheSameItem() {
        Instant at = Instant.parse("2026-11-26T12:00:00.123Z");
        Gift gift =
                Gift.builder("pi_1", Gift.State.REDEEMED, at)
                        .buyerEmail("buyer@example.org")
                        .recipientEmail("friend@example.org")
                        .recipientName("Sam")
                        .message("Enjoy")
                        .deliverOn(java.time.LocalDate.parse("2026-12-24"))
                        .purchasedAt(at.minusSeconds(60))
                        .expiresAt(at.plusSeconds(86_400))
                        .codeHash("abc")
                        .redeemedBy("friend@example.org")
                        .version(3)
                        .build();
        Map<String, AttributeValue> item = MembershipItems.toItem(gift, 4);
        assertEquals(14, item.size());
        assertEquals(MembershipItems.giftKey("pi_1").get("pk"), item.get("pk"));
        assertEquals(AttributeValue.fromS("REDEEMED"), item.get("state"));
        assertEquals(AttributeValue.fromS("2026-11-27T12:00:00Z"), item.get("validUntil"));
        assertEquals(AttributeValue.fromN("4"), item.get("version"));
        assertEquals(item, MembershipItems.toItem(MembershipItems.toGift(item), 4));
        Map<String, AttributeValue> bare =
                MembershipItems.toItem(Gift.builder("pi_2", Gift.State.PAID, at).build(), 1);
        assertEquals(java.util.Set.of("pk", "sk", "state", "updatedAt", "version"), bare.keySet());
        assertEquals(bare, MembershipItems.toItem(MembershipItems.toGift(bare), 1));

        Member member =
                Member.builder("sub_1", Member.Status.ENDED, "monthly", Member.Source.STRIPE, at)
                        .email("reader@example.org")
                        .startedAt(at.minusSeconds(3600))
                        .endedAt(at)
                        .eventAt(at)
                        .linkedTo("import-x")
                        .build();
        Map<String, AttributeValue> memberItem = MembershipItems.toItem(member, 2);
        assertEquals(12, memberItem.size());
        assertEquals(AttributeValue.fromS("ENDED"), memberItem.get("status"));
        assertEquals(AttributeValue.fromS("STRIPE"), memberItem.get("source"));
        assertEquals(memberItem, MembershipItems.toItem(MembershipItems.toMember(memberItem), 2));
    }

    @Test
    void randomShard_shouldStayInRange_andReachEveryShard() {
        for (int bound : new int[] {1, 2, 10, MembershipTable.MAX_SHARDS}) {
            boolean[] seen = new boolean[bound];
            for (int i = 0; i < 20_000; i++) {
                int shard = MembershipTable.randomShard(bound);
                assertTrue(shard >= 0 && shard < bound, "in range: " + shard);
                seen[shard] = true;
            }
            for (int shard = 0; shard < bound; shard++) {
                assertTrue(seen[shard], "shard " + shard + " of " + bound + " picked");
            }
        }
    }

    private static Map<String, Long> ordered(Object... pairs) {
        Map<String, Long> changes = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            changes.put((String) pairs[i], (Long) pairs[i + 1]);
        }
        return changes;
    }

    @Test
    void keys_shouldBeTheKeysOfTheirItems_whetherMadeOnceOrEachTime() {
        for (int shard = 0; shard < MembershipTable.MAX_SHARDS; shard++) {
            Map<String, AttributeValue> key = MembershipItems.counterKey(shard);
            assertEquals(key("COUNTER#" + shard, "COUNTER"), key);
            assertSame(key, MembershipItems.counterKey(shard), "made once per shard");
        }
        assertEquals(key("COUNTER#120", "COUNTER"), MembershipItems.counterKey(120));
        assertEquals(key("MEMBER#sub_1", "MEMBER"), MembershipItems.memberKey("sub_1"));
        assertEquals(key("EVENT#evt_1", "EVENT"), MembershipItems.eventKey("evt_1"));
        assertEquals(key("GIFT#pi_1", "GIFT"), MembershipItems.giftKey("pi_1"));
        assertEquals(
                key("GIFT#pi_1", "MAIL#MEMBERSHIP_END"),
                MembershipItems.jobKey("pi_1", GiftJob.Kind.MEMBERSHIP_END));
        assertEquals(
                key("GIFT#pi_1", "ADDRESS#RECIPIENT"),
                MembershipItems.giftAddressKey("pi_1", GiftAddress.Role.RECIPIENT));
        assertEquals(key("CODE#abc", "CODE"), MembershipItems.codeKey("abc"));
        assertEquals(key("RATE#redeem#k#0", "RATE"), MembershipItems.rateKey("redeem#k#0"));
        assertEquals(key("CAMPAIGN", "CAMPAIGN"), MembershipItems.campaignKey());
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }
}

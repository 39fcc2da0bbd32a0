package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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

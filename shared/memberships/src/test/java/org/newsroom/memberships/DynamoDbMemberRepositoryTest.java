package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class DynamoDbMemberRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final DynamoDbClient dynamo = mock(DynamoDbClient.class);
    private final DynamoDbMemberRepository repository =
            new DynamoDbMemberRepository(
                    new MembershipTable(
                            dynamo, "members", 4, Clock.fixed(NOW, ZoneOffset.UTC), bound -> 3));

    private static Member newMember() {
        return Member.builder("sub_1", Member.Status.ACTIVE, "monthly", Member.Source.STRIPE, NOW)
                .startedAt(NOW)
                .build();
    }

    private static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder()
                .message("cancelled")
                .cancellationReasons(
                        Arrays.stream(codes)
                                .map(c -> CancellationReason.builder().code(c).build())
                                .toList())
                .build();
    }

    @SuppressWarnings("unchecked")
    private TransactWriteItemsRequest capturedTransaction() {
        ArgumentCaptor<Consumer<TransactWriteItemsRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo).transactWriteItems(captor.capture());
        TransactWriteItemsRequest.Builder builder = TransactWriteItemsRequest.builder();
        captor.getValue().accept(builder);
        return builder.build();
    }

    @Test
    void writeMember_shouldMarkEventPutMemberAndCount_inOneTransaction() {
        WriteResult result =
                repository.writeMember(
                        "evt_1",
                        newMember(),
                        new CounterDelta(new LinkedHashMap<>(Map.of(CounterDelta.SUPPORTERS, 1L))));

        assertEquals(WriteResult.APPLIED, result);
        List<TransactWriteItem> items = capturedTransaction().transactItems();
        assertEquals(3, items.size());
        assertEquals("EVENT#evt_1", items.get(0).put().item().get("pk").s());
        assertEquals("attribute_not_exists(#pk)", items.get(0).put().conditionExpression());
        assertEquals("MEMBER#sub_1", items.get(1).put().item().get("pk").s());
        assertEquals("attribute_not_exists(#pk)", items.get(1).put().conditionExpression());
        assertEquals("1", items.get(1).put().item().get("version").n());
        assertEquals("COUNTER#3", items.get(2).update().key().get("pk").s());
        assertEquals("ADD #c0 :d0", items.get(2).update().updateExpression());
        assertEquals("supporters", items.get(2).update().expressionAttributeNames().get("#c0"));
        assertEquals("1", items.get(2).update().expressionAttributeValues().get(":d0").n());
    }

    @Test
    void writeMember_shouldPutMemberAndCountWithoutMarker_whenNoEvent() {
        assertEquals(
                WriteResult.APPLIED, repository.writeMember(newMember(), CounterDelta.ended()));
        List<TransactWriteItem> items = capturedTransaction().transactItems();
        assertEquals(2, items.size());
        assertEquals("MEMBER#sub_1", items.get(0).put().item().get("pk").s());
        assertEquals("COUNTER#3", items.get(1).update().key().get("pk").s());
    }

    @Test
    void writeMember_shouldCountSupporterAndCampaign_inOneShardUpdate() {
        Campaign campaign = new Campaign("x", "X", 10, NOW.minusSeconds(60), NOW.plusSeconds(60));
        repository.writeMember("evt_1", newMember(), Counting.withCampaign(campaign).started(NOW));
        List<TransactWriteItem> items = capturedTransaction().transactItems();
        assertEquals(3, items.size());
        assertEquals("ADD #c0 :d0, #c1 :d1", items.get(2).update().updateExpression());
        assertEquals(
                Map.of("#c0", "supporters", "#c1", "campaign:x"),
                items.get(2).update().expressionAttributeNames());
    }

    @Test
    void writeMember_shouldReturnDuplicate_whenMarkerConditionFails() {
        when(dynamo.transactWriteItems(any(Consumer.class)))
                .thenThrow(cancelled("ConditionalCheckFailed", "None", "None"));
        assertEquals(
                WriteResult.DUPLICATE_EVENT,
                repository.writeMember("evt_1", newMember(), CounterDelta.ended()));
    }

    @Test
    void writeMember_shouldReturnConflict_whenMemberChangedMeanwhile() {
        when(dynamo.transactWriteItems(any(Consumer.class)))
                .thenThrow(cancelled("None", "ConditionalCheckFailed", "None"));
        assertEquals(
                WriteResult.CONFLICT,
                repository.writeMember("evt_1", newMember(), CounterDelta.ended()));
    }

    @Test
    void writeMember_shouldReturnConflict_whenTransactionsCollide() {
        when(dynamo.transactWriteItems(any(Consumer.class)))
                .thenThrow(cancelled("None", "TransactionConflict", "None"));
        assertEquals(
                WriteResult.CONFLICT,
                repository.writeMember("evt_1", newMember(), CounterDelta.ended()));
    }

    @Test
    void writeMember_shouldThrowStoreException_withCause_whenDynamoFails() {
        SdkClientException failure = SdkClientException.create("connection reset");
        when(dynamo.transactWriteItems(any(Consumer.class))).thenThrow(failure);
        MembershipStoreException thrown =
                assertThrows(
                        MembershipStoreException.class,
                        () -> repository.writeMember("evt_1", newMember(), CounterDelta.none()));
        assertSame(failure, thrown.getCause());
    }

    @Test
    void findMember_shouldReadConsistently_andMapTheItem() {
        when(dynamo.getItem(any(Consumer.class)))
                .thenReturn(
                        GetItemResponse.builder()
                                .item(MembershipItems.toItem(newMember(), 7))
                                .build());
        Member found = repository.findMember("sub_1").orElseThrow();
        assertEquals(7, found.version());
        assertEquals(Member.Status.ACTIVE, found.status());
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<GetItemRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo).getItem(captor.capture());
        GetItemRequest.Builder builder = GetItemRequest.builder();
        captor.getValue().accept(builder);
        assertEquals(true, builder.build().consistentRead());
    }
}

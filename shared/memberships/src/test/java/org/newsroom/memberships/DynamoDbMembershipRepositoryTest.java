package org.newsroom.memberships;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class DynamoDbMembershipRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final DynamoDbClient dynamo = mock(DynamoDbClient.class);
    private final DynamoDbMembershipRepository repository = new DynamoDbMembershipRepository(dynamo, "members", 4,
            Clock.fixed(NOW, ZoneOffset.UTC), bound -> 3);

    private static Member newMember() {
        return new Member("sub_1", Member.Status.ACTIVE, "monthly", Optional.empty(), Member.Source.STRIPE,
                Optional.of(NOW), Optional.empty(), NOW, 0);
    }

    private static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder().message("cancelled")
                .cancellationReasons(java.util.Arrays.stream(codes).map(c -> CancellationReason.builder().code(c).build()).toList())
                .build();
    }

    @SuppressWarnings("unchecked")
    private TransactWriteItemsRequest capturedTransaction() {
        ArgumentCaptor<Consumer<TransactWriteItemsRequest.Builder>> captor = ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo).transactWriteItems(captor.capture());
        TransactWriteItemsRequest.Builder builder = TransactWriteItemsRequest.builder();
        captor.getValue().accept(builder);
        return builder.build();
    }

    @Test
    void writeMember_shouldMarkEventPutMemberAndCount_inOneTransaction() {
        WriteResult result = repository.writeMember(Optional.of("evt_1"), newMember(),
                new CounterDelta(new java.util.LinkedHashMap<>(Map.of(CounterDelta.SUPPORTERS, 1L))));

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
    void writeMember_shouldCountSupporterAndCampaign_inOneShardUpdate() {
        Campaign campaign = new Campaign("x", "X", 10, NOW.minusSeconds(60), NOW.plusSeconds(60));
        repository.writeMember(Optional.of("evt_1"), newMember(), CounterDelta.started(NOW, Optional.of(campaign)));
        List<TransactWriteItem> items = capturedTransaction().transactItems();
        assertEquals(3, items.size());
        assertEquals("ADD #c0 :d0, #c1 :d1", items.get(2).update().updateExpression());
        assertEquals(Map.of("#c0", "supporters", "#c1", "campaign:x"), items.get(2).update().expressionAttributeNames());
    }

    @Test
    void writeMember_shouldReturnDuplicate_whenMarkerConditionFails() {
        when(dynamo.transactWriteItems(any(Consumer.class))).thenThrow(cancelled("ConditionalCheckFailed", "None", "None"));
        assertEquals(WriteResult.DUPLICATE_EVENT, repository.writeMember(Optional.of("evt_1"), newMember(), CounterDelta.ended()));
    }

    @Test
    void writeMember_shouldReturnConflict_whenMemberChangedMeanwhile() {
        when(dynamo.transactWriteItems(any(Consumer.class))).thenThrow(cancelled("None", "ConditionalCheckFailed", "None"));
        assertEquals(WriteResult.CONFLICT, repository.writeMember(Optional.of("evt_1"), newMember(), CounterDelta.ended()));
    }

    @Test
    void writeMember_shouldReturnConflict_whenTransactionsCollide() {
        when(dynamo.transactWriteItems(any(Consumer.class))).thenThrow(cancelled("None", "TransactionConflict", "None"));
        assertEquals(WriteResult.CONFLICT, repository.writeMember(Optional.of("evt_1"), newMember(), CounterDelta.ended()));
    }

    @Test
    void writeMember_shouldThrowStoreException_withCause_whenDynamoFails() {
        SdkClientException failure = SdkClientException.create("connection reset");
        when(dynamo.transactWriteItems(any(Consumer.class))).thenThrow(failure);
        MembershipStoreException thrown = assertThrows(MembershipStoreException.class,
                () -> repository.writeMember(Optional.of("evt_1"), newMember(), CounterDelta.none()));
        assertSame(failure, thrown.getCause());
    }

    @Test
    void readCounters_shouldSumEveryShard_withOneConsistentBatchGet() {
        when(dynamo.batchGetItem(any(Consumer.class))).thenReturn(BatchGetItemResponse.builder().responses(Map.of("members", List.of(
                Map.of("pk", AttributeValue.fromS("COUNTER#0"), "supporters", AttributeValue.fromN("5"), "campaign:x", AttributeValue.fromN("2")),
                Map.of("pk", AttributeValue.fromS("COUNTER#2"), "supporters", AttributeValue.fromN("-1")),
                Map.of("pk", AttributeValue.fromS("COUNTER#3"), "campaign:old", AttributeValue.fromN("40"))))).build());

        Map<String, Long> counts = repository.readCounters(List.of("supporters", "campaign:x"));

        assertEquals(Map.of("supporters", 4L, "campaign:x", 2L), counts);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<BatchGetItemRequest.Builder>> captor = ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo).batchGetItem(captor.capture());
        BatchGetItemRequest.Builder builder = BatchGetItemRequest.builder();
        captor.getValue().accept(builder);
        assertEquals(4, builder.build().requestItems().get("members").keys().size());
        assertEquals(true, builder.build().requestItems().get("members").consistentRead());
    }

    @Test
    void findMember_shouldReadConsistently_andMapTheItem() {
        when(dynamo.getItem(any(Consumer.class))).thenReturn(software.amazon.awssdk.services.dynamodb.model.GetItemResponse.builder()
                .item(MembershipItems.toItem(newMember(), 7)).build());
        Member found = repository.findMember("sub_1").orElseThrow();
        assertEquals(7, found.version());
        assertEquals(Member.Status.ACTIVE, found.status());
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<GetItemRequest.Builder>> captor = ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo).getItem(captor.capture());
        GetItemRequest.Builder builder = GetItemRequest.builder();
        captor.getValue().accept(builder);
        assertEquals(true, builder.build().consistentRead());
    }
}

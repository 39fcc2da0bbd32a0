package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
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

    private static Member member(String id, long version) {
        return Member.builder(id, Member.Status.ACTIVE, "monthly", Member.Source.STRIPE, NOW)
                .version(version)
                .build();
    }

    @SuppressWarnings("unchecked")
    private List<BatchGetItemRequest> capturedBatches(int times) {
        ArgumentCaptor<Consumer<BatchGetItemRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo, times(times)).batchGetItem(captor.capture());
        return captor.getAllValues().stream()
                .map(
                        c -> {
                            BatchGetItemRequest.Builder builder = BatchGetItemRequest.builder();
                            c.accept(builder);
                            return builder.build();
                        })
                .toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void findMembers_shouldReadAllInOneConsistentBatch_inTheOrderAsked_emptyWhereAbsent() {
        // GIVEN the store answers with the second member first and has no item for the third
        when(dynamo.batchGetItem(any(Consumer.class)))
                .thenReturn(
                        BatchGetItemResponse.builder()
                                .responses(
                                        Map.of(
                                                "members",
                                                List.of(
                                                        MembershipItems.toItem(
                                                                member("import-x", 0), 2),
                                                        MembershipItems.toItem(
                                                                member("sub_1", 0), 5))))
                                .build());
        // WHEN
        List<Optional<Member>> found =
                repository.findMembers(List.of("sub_1", "import-x", "sub_absent"));
        // THEN
        assertEquals(3, found.size());
        assertEquals("sub_1", found.get(0).orElseThrow().id());
        assertEquals(5, found.get(0).orElseThrow().version());
        assertEquals("import-x", found.get(1).orElseThrow().id());
        assertEquals(2, found.get(1).orElseThrow().version());
        assertTrue(found.get(2).isEmpty());
        KeysAndAttributes asked = capturedBatches(1).get(0).requestItems().get("members");
        assertEquals(true, asked.consistentRead());
        assertEquals(
                List.of(
                        MembershipItems.memberKey("sub_1"),
                        MembershipItems.memberKey("import-x"),
                        MembershipItems.memberKey("sub_absent")),
                asked.keys());
    }

    @Test
    @SuppressWarnings("unchecked")
    void findMembers_shouldAskForARepeatedIdOnce_andGiveItsMemberAtEachPlace() {
        // GIVEN an id asked twice, whose item the store returns once
        when(dynamo.batchGetItem(any(Consumer.class)))
                .thenReturn(
                        BatchGetItemResponse.builder()
                                .responses(
                                        Map.of(
                                                "members",
                                                List.of(
                                                        MembershipItems.toItem(
                                                                member("sub_1", 0), 4))))
                                .build());
        // WHEN
        List<Optional<Member>> found = repository.findMembers(List.of("sub_1", "sub_2", "sub_1"));
        // THEN BatchGetItem (which refuses a repeated key) is asked each key once
        assertEquals(4, found.get(0).orElseThrow().version());
        assertTrue(found.get(1).isEmpty());
        assertEquals(4, found.get(2).orElseThrow().version());
        assertEquals(
                List.of(MembershipItems.memberKey("sub_1"), MembershipItems.memberKey("sub_2")),
                capturedBatches(1).get(0).requestItems().get("members").keys());
    }

    @Test
    @SuppressWarnings("unchecked")
    void findMembers_shouldAskAgainForUnprocessedKeys() {
        // GIVEN the first answer leaves the import id unprocessed
        when(dynamo.batchGetItem(any(Consumer.class)))
                .thenReturn(
                        BatchGetItemResponse.builder()
                                .responses(
                                        Map.of(
                                                "members",
                                                List.of(
                                                        MembershipItems.toItem(
                                                                member("sub_1", 0), 1))))
                                .unprocessedKeys(
                                        Map.of(
                                                "members",
                                                KeysAndAttributes.builder()
                                                        .keys(MembershipItems.memberKey("import-x"))
                                                        .consistentRead(true)
                                                        .build()))
                                .build())
                .thenReturn(
                        BatchGetItemResponse.builder()
                                .responses(
                                        Map.of(
                                                "members",
                                                List.of(
                                                        MembershipItems.toItem(
                                                                member("import-x", 0), 3))))
                                .build());
        // WHEN
        List<Optional<Member>> found = repository.findMembers(List.of("sub_1", "import-x"));
        // THEN both are found, the second round asking only for what was left
        assertEquals(1, found.get(0).orElseThrow().version());
        assertEquals(3, found.get(1).orElseThrow().version());
        List<BatchGetItemRequest> batches = capturedBatches(2);
        assertEquals(
                List.of(MembershipItems.memberKey("import-x")),
                batches.get(1).requestItems().get("members").keys());
        assertEquals(true, batches.get(1).requestItems().get("members").consistentRead());
    }

    @Test
    @SuppressWarnings("unchecked")
    void findMembers_shouldThrowAStoreException_keepingTheCause_whenTheReadFails() {
        SdkClientException failure = SdkClientException.create("down");
        when(dynamo.batchGetItem(any(Consumer.class))).thenThrow(failure);
        MembershipStoreException thrown =
                assertThrows(
                        MembershipStoreException.class,
                        () -> repository.findMembers(List.of("sub_1", "import-x")));
        assertSame(failure, thrown.getCause());
    }
}

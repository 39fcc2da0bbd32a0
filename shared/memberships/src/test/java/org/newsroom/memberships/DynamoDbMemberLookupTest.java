package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

@ExtendWith(MockitoExtension.class)
class DynamoDbMemberLookupTest {

    @Mock DynamoDbClient dynamo;

    private static Map<String, AttributeValue> member(String id) {
        return Map.of(
                "pk", AttributeValue.fromS("MEMBER#" + id),
                "sk", AttributeValue.fromS("MEMBER"),
                "status", AttributeValue.fromS("ACTIVE"),
                "plan", AttributeValue.fromS("monthly"),
                "source", AttributeValue.fromS("IMPORT"),
                "email", AttributeValue.fromS("reader@example.org"),
                "updatedAt", AttributeValue.fromS("2026-11-26T09:30:00Z"),
                "version", AttributeValue.fromN("1"));
    }

    @Test
    void findByEmail_shouldQueryTheEmailIndex_andReadEveryPage() {
        // GIVEN two pages of results
        when(dynamo.query(any(QueryRequest.class)))
                .thenReturn(
                        QueryResponse.builder()
                                .items(List.of(member("a")))
                                .lastEvaluatedKey(Map.of("pk", AttributeValue.fromS("MEMBER#a")))
                                .build())
                .thenReturn(QueryResponse.builder().items(List.of(member("b"))).build());
        // WHEN
        List<Member> found =
                new DynamoDbMemberLookup(dynamo, "memberships").findByEmail("reader@example.org");
        // THEN both pages are read through the index, keyed on the address
        ArgumentCaptor<QueryRequest> queries = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamo, org.mockito.Mockito.times(2)).query(queries.capture());
        QueryRequest first = queries.getAllValues().get(0);
        assertEquals("memberships", first.tableName());
        assertEquals(DynamoDbMemberLookup.EMAIL_INDEX, first.indexName());
        assertEquals("#email = :email", first.keyConditionExpression());
        assertEquals(
                AttributeValue.fromS("reader@example.org"),
                first.expressionAttributeValues().get(":email"));
        assertEquals(
                Map.of("pk", AttributeValue.fromS("MEMBER#a")),
                queries.getAllValues().get(1).exclusiveStartKey());
        assertEquals(List.of("a", "b"), found.stream().map(Member::id).toList());
        assertEquals("monthly", found.get(0).plan());
    }

    private static Map<String, AttributeValue> giftAddress(String giftId, String role) {
        return Map.of(
                "pk", AttributeValue.fromS("GIFT#" + giftId),
                "sk", AttributeValue.fromS("ADDRESS#" + role),
                "email", AttributeValue.fromS("reader@example.org"),
                "giftId", AttributeValue.fromS(giftId),
                "role", AttributeValue.fromS(role));
    }

    private static Map<String, AttributeValue> gift(String giftId) {
        return Map.of(
                "pk", AttributeValue.fromS("GIFT#" + giftId),
                "sk", AttributeValue.fromS("GIFT"),
                "state", AttributeValue.fromS("PAID"),
                "buyerEmail", AttributeValue.fromS("reader@example.org"),
                "recipientEmail", AttributeValue.fromS("reader@example.org"),
                "updatedAt", AttributeValue.fromS("2026-11-26T09:30:00Z"),
                "version", AttributeValue.fromN("1"));
    }

    @Test
    void find_shouldReadTheGiftsOfTheAddressItems_withTheirRoles() {
        // GIVEN the index holds a membership and a gift the reader bought for themselves
        when(dynamo.query(any(QueryRequest.class)))
                .thenReturn(
                        QueryResponse.builder()
                                .items(
                                        List.of(
                                                member("a"),
                                                giftAddress("pi_1", "BUYER"),
                                                giftAddress("pi_1", "RECIPIENT")))
                                .build());
        when(dynamo.batchGetItem(any(BatchGetItemRequest.class)))
                .thenReturn(
                        BatchGetItemResponse.builder()
                                .responses(Map.of("memberships", List.of(gift("pi_1"))))
                                .build());
        // WHEN
        DynamoDbMemberLookup.AddressRecords found =
                new DynamoDbMemberLookup(dynamo, "memberships").find("reader@example.org");
        // THEN the gift is read once, by its key, and carries both roles
        ArgumentCaptor<BatchGetItemRequest> batch =
                ArgumentCaptor.forClass(BatchGetItemRequest.class);
        verify(dynamo).batchGetItem(batch.capture());
        assertEquals(
                List.of(MembershipItems.giftKey("pi_1")),
                batch.getValue().requestItems().get("memberships").keys());
        assertEquals(List.of("a"), found.members().stream().map(Member::id).toList());
        assertEquals(1, found.gifts().size());
        assertEquals("pi_1", found.gifts().get(0).gift().id());
        assertEquals(
                List.of(GiftAddress.Role.BUYER, GiftAddress.Role.RECIPIENT),
                found.gifts().get(0).roles());
    }

    @Test
    void find_shouldAskAgainForUnprocessedKeys() {
        when(dynamo.query(any(QueryRequest.class)))
                .thenReturn(
                        QueryResponse.builder()
                                .items(List.of(giftAddress("pi_1", "BUYER")))
                                .build());
        Map<String, KeysAndAttributes> unprocessed =
                Map.of(
                        "memberships",
                        KeysAndAttributes.builder()
                                .keys(List.of(MembershipItems.giftKey("pi_1")))
                                .build());
        when(dynamo.batchGetItem(any(BatchGetItemRequest.class)))
                .thenReturn(BatchGetItemResponse.builder().unprocessedKeys(unprocessed).build())
                .thenReturn(
                        BatchGetItemResponse.builder()
                                .responses(Map.of("memberships", List.of(gift("pi_1"))))
                                .build());
        DynamoDbMemberLookup.AddressRecords found =
                new DynamoDbMemberLookup(dynamo, "memberships").find("reader@example.org");
        verify(dynamo, org.mockito.Mockito.times(2)).batchGetItem(any(BatchGetItemRequest.class));
        assertEquals(1, found.gifts().size());
    }

    @Test
    void find_shouldReadNoGifts_whenTheAddressHasNone() {
        when(dynamo.query(any(QueryRequest.class)))
                .thenReturn(QueryResponse.builder().items(List.of(member("a"))).build());
        DynamoDbMemberLookup.AddressRecords found =
                new DynamoDbMemberLookup(dynamo, "memberships").find("reader@example.org");
        org.mockito.Mockito.verify(dynamo, org.mockito.Mockito.never())
                .batchGetItem(any(BatchGetItemRequest.class));
        assertEquals(List.of(), found.gifts());
    }

    @Test
    void findByEmail_shouldTranslateStoreErrors_keepingTheCause() {
        DynamoDbException cause =
                (DynamoDbException) DynamoDbException.builder().message("down").build();
        when(dynamo.query(any(QueryRequest.class))).thenThrow(cause);
        MembershipStoreException e =
                assertThrows(
                        MembershipStoreException.class,
                        () ->
                                new DynamoDbMemberLookup(dynamo, "memberships")
                                        .findByEmail("a@example.org"));
        assertSame(cause, e.getCause());
    }
}

package org.newsroom.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

@ExtendWith(MockitoExtension.class)
class DynamoDbSubscriptionRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:30:00Z");
    private static final EmailAddress READER =
            EmailAddress.parse("reader@example.org").orElseThrow();
    private static final String READER_ID =
            new AddressKeys(Pepper.of("repository-test-pepper-0123456789abcdef")).id(READER);
    private static final Consent CONSENT =
            new Consent("form", "https://www.example.org/newsletters", NOW);

    @Mock DynamoDbClient dynamo;

    private DynamoDbSubscriptionRepository repository() {
        return new DynamoDbSubscriptionRepository(dynamo, "subs");
    }

    @Test
    void requestPending_shouldWriteWithATtl_whenNewOrPending() {
        // GIVEN a table that accepts the write
        when(dynamo.updateItem(any(UpdateItemRequest.class)))
                .thenReturn(UpdateItemResponse.builder().build());
        // WHEN
        SubscriptionStatus status =
                repository()
                        .requestPending(
                                READER_ID,
                                READER,
                                "daily-briefing",
                                CONSENT,
                                NOW,
                                NOW.plus(Duration.ofDays(7)));
        // THEN the exact conditional write was sent
        ArgumentCaptor<UpdateItemRequest> request =
                ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(dynamo).updateItem(request.capture());
        assertEquals(SubscriptionStatus.PENDING, status);
        assertEquals("subs", request.getValue().tableName());
        assertEquals(READER_ID, request.getValue().key().get("pk").s());
        assertEquals("NL#daily-briefing", request.getValue().key().get("sk").s());
        assertEquals(
                "attribute_not_exists(#pk) OR #status = :pending",
                request.getValue().conditionExpression());
        assertEquals(
                "reader@example.org",
                request.getValue().expressionAttributeValues().get(":address").s());
        assertEquals(
                Long.toString(NOW.plus(Duration.ofDays(7)).getEpochSecond()),
                request.getValue().expressionAttributeValues().get(":expires").n());
        assertFalse(
                request.getValue().expressionAttributeValues().toString().contains("203.0.113"),
                "no IP address is kept");
    }

    @Test
    void requestPending_shouldKeepTheUnsubscribeEvidence_whenAFormerReaderSignsUpAgain() {
        // GIVEN a record unsubscribed earlier: the first (TTL) write fails on it
        when(dynamo.updateItem(any(UpdateItemRequest.class)))
                .thenThrow(
                        ConditionalCheckFailedException.builder()
                                .item(Map.of("status", AttributeValue.fromS("unsubscribed")))
                                .build())
                .thenReturn(UpdateItemResponse.builder().build());
        // WHEN
        SubscriptionStatus status =
                repository()
                        .requestPending(
                                READER_ID,
                                READER,
                                "daily-briefing",
                                CONSENT,
                                NOW,
                                NOW.plus(Duration.ofDays(7)));
        // THEN the second write makes it pending without a TTL and leaves unsubscribedAt alone
        ArgumentCaptor<UpdateItemRequest> requests =
                ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(dynamo, times(2)).updateItem(requests.capture());
        UpdateItemRequest again = requests.getAllValues().get(1);
        assertEquals(SubscriptionStatus.PENDING, status);
        assertEquals("#status = :unsubscribed", again.conditionExpression());
        assertFalse(again.updateExpression().contains("#expires"), again.updateExpression());
        assertFalse(again.expressionAttributeValues().containsKey(":expires"));
        assertFalse(again.expressionAttributeNames().containsValue("unsubscribedAt"));
        assertFalse(again.updateExpression().contains("REMOVE"));
    }

    @Test
    void requestPending_shouldReportConfirmed_whenTheConditionFailsOnAConfirmedRecord() {
        when(dynamo.updateItem(any(UpdateItemRequest.class)))
                .thenThrow(
                        ConditionalCheckFailedException.builder()
                                .item(Map.of("status", AttributeValue.fromS("confirmed")))
                                .build());
        assertEquals(
                SubscriptionStatus.CONFIRMED,
                repository()
                        .requestPending(
                                READER_ID,
                                READER,
                                "daily-briefing",
                                CONSENT,
                                NOW,
                                NOW.plusSeconds(60)));
    }

    @Test
    void requestPending_shouldThrowStoreException_keepingTheCause_whenDynamoDbFails() {
        DynamoDbException failure =
                (DynamoDbException) DynamoDbException.builder().message("throttled").build();
        when(dynamo.updateItem(any(UpdateItemRequest.class))).thenThrow(failure);
        SubscriptionStoreException e =
                assertThrows(
                        SubscriptionStoreException.class,
                        () ->
                                repository()
                                        .requestPending(
                                                READER_ID,
                                                READER,
                                                "daily-briefing",
                                                CONSENT,
                                                NOW,
                                                NOW.plusSeconds(60)));
        assertSame(failure, e.getCause());
    }

    @Test
    @SuppressWarnings("unchecked")
    void claimConfirmationRequest_shouldBeEmpty_whenAlreadySentOrClaimed() {
        when(dynamo.updateItem(any(Consumer.class)))
                .thenThrow(ConditionalCheckFailedException.builder().build());
        assertTrue(
                repository()
                        .claimConfirmationRequest(READER_ID, "r1", NOW, Duration.ofMinutes(2))
                        .isEmpty());
    }

    @Test
    @SuppressWarnings("unchecked")
    void claimConfirmationRequest_shouldReturnTheRequest_whenClaimed() {
        when(dynamo.updateItem(any(Consumer.class)))
                .thenReturn(
                        UpdateItemResponse.builder()
                                .attributes(
                                        Map.of(
                                                "pk", AttributeValue.fromS(READER_ID),
                                                "sk", AttributeValue.fromS("CONFIRM#r1"),
                                                "address",
                                                        AttributeValue.fromS("reader@example.org"),
                                                "newsletters",
                                                        AttributeValue.fromL(
                                                                List.of(
                                                                        AttributeValue.fromS(
                                                                                "daily-briefing"))),
                                                "createdAt", AttributeValue.fromS(NOW.toString())))
                                .build());
        ConfirmationRequest claimed =
                repository()
                        .claimConfirmationRequest(READER_ID, "r1", NOW, Duration.ofMinutes(2))
                        .orElseThrow();
        assertEquals("r1", claimed.requestId());
        assertEquals(List.of("daily-briefing"), claimed.newsletters());
        ArgumentCaptor<Consumer<UpdateItemRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo).updateItem(captor.capture());
        UpdateItemRequest.Builder builder = UpdateItemRequest.builder();
        captor.getValue().accept(builder);
        assertTrue(builder.build().conditionExpression().contains("attribute_not_exists(#sent)"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void confirm_shouldBeIdempotent_whenAlreadyConfirmed() {
        when(dynamo.updateItem(any(Consumer.class)))
                .thenThrow(
                        ConditionalCheckFailedException.builder()
                                .item(Map.of("status", AttributeValue.fromS("confirmed")))
                                .build());
        assertTrue(repository().confirm(READER_ID, "daily-briefing", NOW));
    }

    @Test
    @SuppressWarnings("unchecked")
    void confirm_shouldNotConfirm_anUnsubscribedOrSuppressedRecord() {
        when(dynamo.updateItem(any(Consumer.class)))
                .thenThrow(
                        ConditionalCheckFailedException.builder()
                                .item(Map.of("status", AttributeValue.fromS("suppressed")))
                                .build());
        assertFalse(repository().confirm(READER_ID, "daily-briefing", NOW));
    }

    private static Map<String, AttributeValue> item(String sk, Map<String, String> attributes) {
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        item.put("pk", AttributeValue.fromS(READER_ID));
        item.put("sk", AttributeValue.fromS(sk));
        attributes.forEach((k, v) -> item.put(k, AttributeValue.fromS(v)));
        return item;
    }

    private void givenPartition(List<Map<String, AttributeValue>> items) {
        when(dynamo.query(any(QueryRequest.class)))
                .thenReturn(QueryResponse.builder().items(items).build());
    }

    @Test
    void erase_shouldKeepAKeyOnlySuppressionMarker_whenTheAddressIsSuppressed() {
        // GIVEN a suppressed address with a subscription and a confirmation request
        givenPartition(
                List.of(
                        item(
                                "NL#daily-briefing",
                                Map.of("address", READER.value(), "status", "suppressed")),
                        item("CONFIRM#r1", Map.of("address", READER.value())),
                        item(
                                "SUPPRESSED",
                                Map.of(
                                        "address",
                                        READER.value(),
                                        "reason",
                                        "complaint",
                                        "suppressedAt",
                                        NOW.toString()))));
        // WHEN
        int deleted = repository().erase(READER_ID);
        // THEN the marker is rewritten first, holding its key only, and everything else goes
        InOrder order = inOrder(dynamo);
        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        order.verify(dynamo).putItem(put.capture());
        ArgumentCaptor<DeleteItemRequest> deletes =
                ArgumentCaptor.forClass(DeleteItemRequest.class);
        order.verify(dynamo, times(2)).deleteItem(deletes.capture());
        assertEquals(
                Map.of(
                        "pk", AttributeValue.fromS(READER_ID),
                        "sk", AttributeValue.fromS("SUPPRESSED")),
                put.getValue().item());
        assertNull(put.getValue().conditionExpression(), "the marker replaces the full one");
        assertEquals(
                List.of("NL#daily-briefing", "CONFIRM#r1"),
                deletes.getAllValues().stream().map(d -> d.key().get("sk").s()).toList());
        assertEquals(2, deleted);
    }

    @Test
    void erase_shouldDeleteEverythingAndWriteNoMarker_whenTheAddressIsNotSuppressed() {
        givenPartition(List.of(item("NL#daily-briefing", Map.of("address", READER.value()))));
        assertEquals(1, repository().erase(READER_ID));
        verify(dynamo, never()).putItem(any(PutItemRequest.class));
        verify(dynamo).deleteItem(any(DeleteItemRequest.class));
    }

    @Test
    void findRecords_shouldSortThePartitionIntoSubscriptionsRequestsAndSuppression() {
        givenPartition(
                List.of(
                        item(
                                "NL#daily-briefing",
                                Map.of(
                                        "address", READER.value(),
                                        "newsletter", "daily-briefing",
                                        "status", "confirmed",
                                        "consentSource", "form",
                                        "consentPage", "https://www.example.org/",
                                        "consentAt", NOW.toString())),
                        item("CONFIRM#r1", Map.of("address", READER.value())),
                        item("SUPPRESSED", Map.of("reason", "bounce"))));
        ReaderRecords records = repository().findRecords(READER_ID);
        assertEquals(1, records.subscriptions().size());
        assertEquals("form", records.subscriptions().get(0).consent().source());
        assertEquals("r1", records.confirmationRequests().get(0).requestId());
        assertEquals("bounce", records.suppression().orElseThrow().reason());
        assertEquals(Optional.of(READER.value()), records.address());
    }

    @Test
    void findRecords_shouldKnowNoAddress_afterAnErasureLeftOnlyTheMarker() {
        givenPartition(List.of(item("SUPPRESSED", Map.of())));
        ReaderRecords records = repository().findRecords(READER_ID);
        assertTrue(records.suppression().isPresent());
        assertEquals(Optional.empty(), records.address());
    }

    @Test
    void findMailingState_shouldReadTheSubscriptionsAndTheSuppression_inOneConsistentQuery() {
        // GIVEN a suppressed address with a pending subscription
        givenPartition(
                List.of(
                        item(
                                "NL#daily-briefing",
                                Map.of(
                                        "address",
                                        READER.value(),
                                        "newsletter",
                                        "daily-briefing",
                                        "status",
                                        "pending")),
                        item("SUPPRESSED", Map.of("reason", "bounce"))));
        // WHEN
        MailingState state = repository().findMailingState(READER_ID);
        // THEN one Query from the first subscription key on, and nothing else
        ArgumentCaptor<QueryRequest> query = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamo).query(query.capture());
        verifyNoMoreInteractions(dynamo);
        assertEquals("subs", query.getValue().tableName());
        assertTrue(query.getValue().consistentRead());
        assertEquals("#pk = :pk AND #sk >= :first", query.getValue().keyConditionExpression());
        assertEquals(Map.of("#pk", "pk", "#sk", "sk"), query.getValue().expressionAttributeNames());
        assertEquals(
                Map.of(
                        ":pk", AttributeValue.fromS(READER_ID),
                        ":first", AttributeValue.fromS("NL#")),
                query.getValue().expressionAttributeValues());
        assertTrue(state.suppressed());
        assertEquals(
                List.of("daily-briefing"),
                state.subscriptions().stream().map(Subscription::newsletter).toList());
        assertEquals(SubscriptionStatus.PENDING, state.subscriptions().get(0).status());
    }

    @Test
    void findMailingState_shouldCountAKeyOnlyMarker_asSuppressed() {
        givenPartition(List.of(item("SUPPRESSED", Map.of())));
        MailingState state = repository().findMailingState(READER_ID);
        assertTrue(state.suppressed());
        assertEquals(List.of(), state.subscriptions());
    }

    @Test
    void findMailingState_shouldBeMailable_withEverySubscriptionInKeyOrder_whenNotSuppressed() {
        givenPartition(
                List.of(
                        item(
                                "NL#city-hall",
                                Map.of(
                                        "address",
                                        READER.value(),
                                        "newsletter",
                                        "city-hall",
                                        "status",
                                        "pending")),
                        item(
                                "NL#daily-briefing",
                                Map.of(
                                        "address",
                                        READER.value(),
                                        "newsletter",
                                        "daily-briefing",
                                        "status",
                                        "confirmed"))));
        MailingState state = repository().findMailingState(READER_ID);
        assertFalse(state.suppressed());
        assertEquals(
                List.of("city-hall", "daily-briefing"),
                state.subscriptions().stream().map(Subscription::newsletter).toList());
    }

    @Test
    void findMailingState_shouldReadEveryPage() {
        Map<String, AttributeValue> last =
                Map.of(
                        "pk", AttributeValue.fromS(READER_ID),
                        "sk", AttributeValue.fromS("NL#city-hall"));
        when(dynamo.query(any(QueryRequest.class)))
                .thenReturn(
                        QueryResponse.builder()
                                .items(List.of(item("NL#city-hall", Map.of("status", "pending"))))
                                .lastEvaluatedKey(last)
                                .build())
                .thenReturn(
                        QueryResponse.builder()
                                .items(List.of(item("SUPPRESSED", Map.of())))
                                .build());
        MailingState state = repository().findMailingState(READER_ID);
        assertTrue(state.suppressed());
        assertEquals(1, state.subscriptions().size());
        ArgumentCaptor<QueryRequest> queries = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamo, times(2)).query(queries.capture());
        assertEquals(last, queries.getAllValues().get(1).exclusiveStartKey());
    }

    @Test
    void findMailingState_shouldThrowStoreException_keepingTheCause_whenDynamoDbFails() {
        DynamoDbException failure =
                (DynamoDbException) DynamoDbException.builder().message("throttled").build();
        when(dynamo.query(any(QueryRequest.class))).thenThrow(failure);
        SubscriptionStoreException e =
                assertThrows(
                        SubscriptionStoreException.class,
                        () -> repository().findMailingState(READER_ID));
        assertSame(failure, e.getCause());
    }

    @Test
    void keyLayout_shouldSortSubscriptionsBetweenRequestsAndTheSuppression() {
        // findMailingState's key range ">= NL#" relies on this order (DynamoDB compares the UTF-8
        // bytes, which for these ASCII keys is String order): requests before it, the
        // suppression after it.
        assertTrue(
                SubscriptionItems.confirmSk("zzz").compareTo(SubscriptionItems.NEWSLETTER_PREFIX)
                        < 0);
        assertTrue(
                SubscriptionItems.SUPPRESSED.compareTo(SubscriptionItems.newsletterSk("zzz")) > 0);
    }
}

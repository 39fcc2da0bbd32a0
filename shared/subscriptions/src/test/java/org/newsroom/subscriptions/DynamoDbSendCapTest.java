package org.newsroom.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

@ExtendWith(MockitoExtension.class)
class DynamoDbSendCapTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:30:00Z");
    private static final SendCap.Rules RULES = new SendCap.Rules(Duration.ofMinutes(10), 3);

    @Mock DynamoDbClient dynamo;

    private DynamoDbSendCap sendCap() {
        return new DynamoDbSendCap(dynamo, "limits");
    }

    @SuppressWarnings("unchecked")
    private List<UpdateItemRequest> updatesSent(int count) {
        ArgumentCaptor<Consumer<UpdateItemRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo, times(count)).updateItem(captor.capture());
        return captor.getAllValues().stream()
                .map(
                        mutation -> {
                            UpdateItemRequest.Builder builder = UpdateItemRequest.builder();
                            mutation.accept(builder);
                            return builder.build();
                        })
                .toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void tryAcquire_shouldStartANewWindow_inOneWrite_whenTheMailboxHasNone() {
        // GIVEN a mailbox without a cap item: the fresh-window write succeeds
        when(dynamo.updateItem(any(Consumer.class)))
                .thenReturn(UpdateItemResponse.builder().build());
        // WHEN
        assertTrue(sendCap().tryAcquire("mailbox-id", "r1", RULES, NOW));
        // THEN one write, starting a window, which the last request of an ended one cannot take
        UpdateItemRequest request = updatesSent(1).get(0);
        assertEquals("limits", request.tableName());
        assertEquals("CAP#mailbox-id", request.key().get("pk").s());
        assertEquals(
                "attribute_not_exists(#pk) OR (#last <= :intervalStart AND #start <= :windowStart "
                        + "AND (attribute_not_exists(#request) OR #request <> :request))",
                request.conditionExpression());
        assertTrue(request.updateExpression().contains("#count = :one"));
        assertEquals("r1", request.expressionAttributeValues().get(":request").s());
        assertEquals(
                Long.toString(NOW.getEpochSecond() - 24 * 3600),
                request.expressionAttributeValues().get(":windowStart").n());
    }

    @Test
    @SuppressWarnings("unchecked")
    void tryAcquire_shouldCountInTheOpenWindow_withTheRulesInTheCondition() {
        // GIVEN a window is open: the fresh-window write fails, the open-window one succeeds
        when(dynamo.updateItem(any(Consumer.class)))
                .thenThrow(ConditionalCheckFailedException.builder().build())
                .thenReturn(UpdateItemResponse.builder().build());
        assertTrue(sendCap().tryAcquire("mailbox-id", "r1", RULES, NOW));
        UpdateItemRequest request = updatesSent(2).get(1);
        assertEquals("CAP#mailbox-id", request.key().get("pk").s());
        assertEquals(
                "attribute_exists(#pk) AND #last <= :intervalStart AND #start > :windowStart AND #count < :max",
                request.conditionExpression());
        assertEquals("3", request.expressionAttributeValues().get(":max").n());
        assertEquals("r1", request.expressionAttributeValues().get(":request").s());
        assertEquals(
                Long.toString(NOW.getEpochSecond() - 600),
                request.expressionAttributeValues().get(":intervalStart").n());
    }

    @Test
    @SuppressWarnings("unchecked")
    void tryAcquire_shouldRefuse_whenNeitherTheOpenWindowNorANewOneAllowsIt() {
        when(dynamo.updateItem(any(Consumer.class)))
                .thenThrow(ConditionalCheckFailedException.builder().build());
        assertFalse(sendCap().tryAcquire("mailbox-id", "r1", RULES, NOW));
        updatesSent(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void tryAcquire_shouldAllowARetryOfTheRequestThatTookTheCap_withoutCountingItAgain() {
        // GIVEN both writes fail; the open-window one returns the item, last taken by r1
        when(dynamo.updateItem(any(Consumer.class)))
                .thenThrow(ConditionalCheckFailedException.builder().build())
                .thenThrow(
                        ConditionalCheckFailedException.builder()
                                .item(Map.of("lastRequest", AttributeValue.fromS("r1")))
                                .build());
        assertTrue(sendCap().tryAcquire("mailbox-id", "r1", RULES, NOW));
        updatesSent(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void tryAcquire_shouldRefuseAnotherRequest_whenTheCapIsTaken() {
        when(dynamo.updateItem(any(Consumer.class)))
                .thenThrow(
                        ConditionalCheckFailedException.builder()
                                .item(Map.of("lastRequest", AttributeValue.fromS("r1")))
                                .build());
        assertFalse(sendCap().tryAcquire("mailbox-id", "r2", RULES, NOW));
    }

    @Test
    void tryAcquire_shouldRefuseWithoutWriting_whenTheRulesAllowNoSends() {
        assertFalse(
                sendCap()
                        .tryAcquire(
                                "mailbox-id",
                                "r1",
                                new SendCap.Rules(Duration.ofMinutes(10), 0),
                                NOW));
        verifyNoInteractions(dynamo);
    }

    @Test
    @SuppressWarnings("unchecked")
    void tryAcquire_shouldThrowSubscriptionStoreException_keepingTheCause_whenDynamoDbFails() {
        SdkClientException failure = SdkClientException.create("connection reset");
        when(dynamo.updateItem(any(Consumer.class))).thenThrow(failure);
        SubscriptionStoreException e =
                assertThrows(
                        SubscriptionStoreException.class,
                        () -> sendCap().tryAcquire("mailbox-id", "r1", RULES, NOW));
        assertSame(failure, e.getCause());
    }

    @Test
    @SuppressWarnings("unchecked")
    void forget_shouldDeleteTheAddressesCapItem() {
        sendCap().forget("mailbox-id");
        ArgumentCaptor<Consumer<DeleteItemRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo).deleteItem(captor.capture());
        DeleteItemRequest.Builder builder = DeleteItemRequest.builder();
        captor.getValue().accept(builder);
        DeleteItemRequest request = builder.build();
        assertEquals("limits", request.tableName());
        assertEquals("CAP#mailbox-id", request.key().get("pk").s());
    }
}

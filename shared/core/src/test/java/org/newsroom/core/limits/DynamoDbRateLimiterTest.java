package org.newsroom.core.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.newsroom.core.store.StoreException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

class DynamoDbRateLimiterTest {

    private static final DynamoDbRateLimiter.Layout LAYOUT =
            new DynamoDbRateLimiter.Layout(
                    name -> Map.of("pk", AttributeValue.fromS(name)), "count", "expiresAt");
    private final DynamoDbClient dynamo = mock(DynamoDbClient.class);
    private final DynamoDbRateLimiter limiter =
            new DynamoDbRateLimiter(dynamo, "limits", LAYOUT, "RATE#", 10, Duration.ofMinutes(10));

    @Test
    @SuppressWarnings("unchecked")
    void allow_shouldAddOneUnderTheLimit_inTheKeysCurrentWindow() {
        ArgumentCaptor<Consumer<UpdateItemRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);

        assertTrue(limiter.allow("client", Instant.ofEpochSecond(1_000_123)));

        verify(dynamo).updateItem(captor.capture());
        UpdateItemRequest.Builder builder = UpdateItemRequest.builder();
        captor.getValue().accept(builder);
        UpdateItemRequest request = builder.build();
        assertEquals("limits", request.tableName());
        assertEquals("RATE#client#999600", request.key().get("pk").s());
        assertEquals(
                "attribute_not_exists(#count) OR #count < :limit", request.conditionExpression());
        assertEquals("10", request.expressionAttributeValues().get(":limit").n());
        assertEquals(
                Long.toString(999_600 + 1_200),
                request.expressionAttributeValues().get(":expires").n());
    }

    @Test
    @SuppressWarnings("unchecked")
    void allow_shouldRefuse_whenTheWindowIsUsedUp() {
        when(dynamo.updateItem(any(Consumer.class)))
                .thenThrow(ConditionalCheckFailedException.builder().message("no").build());
        assertFalse(limiter.allow("client", Instant.ofEpochSecond(1_000_123)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void allow_shouldThrowStoreException_keepingTheCause_whenDynamoDbFails() {
        SdkClientException failure = SdkClientException.create("connection reset");
        when(dynamo.updateItem(any(Consumer.class))).thenThrow(failure);
        StoreException e =
                assertThrows(StoreException.class, () -> limiter.allow("client", Instant.now()));
        assertSame(failure, e.getCause());
    }

    @Test
    @SuppressWarnings("unchecked")
    void countingUpdate_shouldBeTheUpdateAllowMakes_forATransaction() {
        Instant now = Instant.ofEpochSecond(1_000_123);
        ArgumentCaptor<Consumer<UpdateItemRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        limiter.allow("client", now);
        verify(dynamo).updateItem(captor.capture());
        UpdateItemRequest.Builder builder = UpdateItemRequest.builder();
        captor.getValue().accept(builder);
        UpdateItemRequest alone = builder.build();

        Update inTransaction = limiter.countingUpdate("client", now).orElseThrow();

        assertEquals(alone.tableName(), inTransaction.tableName());
        assertEquals(alone.key(), inTransaction.key());
        assertEquals(alone.conditionExpression(), inTransaction.conditionExpression());
        assertEquals(alone.updateExpression(), inTransaction.updateExpression());
        assertEquals(alone.expressionAttributeNames(), inTransaction.expressionAttributeNames());
        assertEquals(alone.expressionAttributeValues(), inTransaction.expressionAttributeValues());
    }

    @Test
    void countingUpdate_shouldNameTheWindowOfItsInstant_withItsOwnExpiry() {
        Update first = limiter.countingUpdate("client", Instant.ofEpochSecond(1_000_123)).get();
        Update next = limiter.countingUpdate("client", Instant.ofEpochSecond(1_000_200)).get();
        assertEquals("RATE#client#999600", first.key().get("pk").s());
        assertEquals("RATE#client#1000200", next.key().get("pk").s());
        assertEquals("1000800", first.expressionAttributeValues().get(":expires").n());
        assertEquals("1001400", next.expressionAttributeValues().get(":expires").n());
        assertEquals(
                "RATE#client#999600",
                limiter.countingUpdate("client", Instant.ofEpochSecond(999_600))
                        .get()
                        .key()
                        .get("pk")
                        .s());
        assertEquals(
                "1000800",
                limiter.countingUpdate("client", Instant.ofEpochSecond(999_600))
                        .get()
                        .expressionAttributeValues()
                        .get(":expires")
                        .n(),
                "an earlier window's values again after a later one");
    }

    @Test
    @SuppressWarnings("unchecked")
    void allow_shouldTryAgain_whenATransactionCountingTheSameKeyIsInFlight() {
        when(dynamo.updateItem(any(Consumer.class)))
                .thenThrow(TransactionConflictException.builder().message("busy").build())
                .thenReturn(UpdateItemResponse.builder().build());
        assertTrue(limiter.allow("client", Instant.ofEpochSecond(1_000_123)));
        verify(dynamo, times(2)).updateItem(any(Consumer.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void allow_shouldThrowStoreException_whenTheConflictLasts() {
        TransactionConflictException conflict =
                TransactionConflictException.builder().message("busy").build();
        when(dynamo.updateItem(any(Consumer.class))).thenThrow(conflict);
        StoreException e =
                assertThrows(StoreException.class, () -> limiter.allow("client", Instant.now()));
        assertSame(conflict, e.getCause());
        verify(dynamo, times(DynamoDbRateLimiter.CONFLICT_ATTEMPTS))
                .updateItem(any(Consumer.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void call_shouldCountOnce_andNotAgainAfterATransactionCountedIt() {
        RateLimiter counting =
                new RateLimiter() {
                    int calls;

                    @Override
                    public boolean allow(String key, Instant now) {
                        return ++calls <= 1;
                    }
                };
        CountedCall call = counting.call("client", Instant.EPOCH);
        assertTrue(call.allow());
        assertTrue(call.allow(), "answered as the first time, not counted again");
        assertTrue(call.update().isEmpty(), "counted already");

        CountedCall inTransaction = limiter.call("client", Instant.EPOCH);
        assertTrue(inTransaction.update().isPresent());
        inTransaction.countedInTransaction();
        assertTrue(inTransaction.allow());
        assertTrue(inTransaction.update().isEmpty());
        verify(dynamo, never()).updateItem(any(Consumer.class));
    }
}

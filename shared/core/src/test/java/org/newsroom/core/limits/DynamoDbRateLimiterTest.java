package org.newsroom.core.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
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
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

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
    void allow_shouldNameEachCallsOwnWindow_withItsOwnExpiry_whenTheWindowTurns() {
        ArgumentCaptor<Consumer<UpdateItemRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);

        limiter.allow("client", Instant.ofEpochSecond(1_000_123));
        limiter.allow("client", Instant.ofEpochSecond(1_000_199));
        limiter.allow("client", Instant.ofEpochSecond(1_000_200));
        limiter.allow("other", Instant.ofEpochSecond(999_600));

        verify(dynamo, org.mockito.Mockito.times(4)).updateItem(captor.capture());
        String[] keys = {
            "RATE#client#999600", "RATE#client#999600", "RATE#client#1000200", "RATE#other#999600"
        };
        long[] expiries = {1_000_800, 1_000_800, 1_001_400, 1_000_800};
        for (int i = 0; i < 4; i++) {
            UpdateItemRequest.Builder builder = UpdateItemRequest.builder();
            captor.getAllValues().get(i).accept(builder);
            UpdateItemRequest request = builder.build();
            assertEquals(keys[i], request.key().get("pk").s(), "call " + i);
            assertEquals(
                    Long.toString(expiries[i]),
                    request.expressionAttributeValues().get(":expires").n(),
                    "call " + i);
            assertEquals("1", request.expressionAttributeValues().get(":one").n());
        }
    }
}

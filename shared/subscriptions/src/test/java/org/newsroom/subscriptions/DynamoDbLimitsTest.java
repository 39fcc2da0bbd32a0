package org.newsroom.subscriptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class DynamoDbLimitsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:30:00Z");

    @Mock
    DynamoDbClient dynamo;

    private DynamoDbLimits limits() {
        return new DynamoDbLimits(dynamo, "limits", 5, Duration.ofMinutes(10), Duration.ofMinutes(10), 3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void allow_shouldCountInAFixedWindow_withTheLimitInTheCondition() {
        when(dynamo.updateItem(any(Consumer.class))).thenReturn(UpdateItemResponse.builder().build());
        assertTrue(limits().allow("client", NOW));
        ArgumentCaptor<Consumer<UpdateItemRequest.Builder>> captor = ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo).updateItem(captor.capture());
        UpdateItemRequest.Builder builder = UpdateItemRequest.builder();
        captor.getValue().accept(builder);
        UpdateItemRequest request = builder.build();
        assertEquals("RATE#client#" + (NOW.getEpochSecond() / 600 * 600), request.key().get("pk").s());
        assertEquals("5", request.expressionAttributeValues().get(":limit").n());
    }

    @Test
    @SuppressWarnings("unchecked")
    void allow_shouldRefuse_whenTheWindowIsFull() {
        when(dynamo.updateItem(any(Consumer.class))).thenThrow(ConditionalCheckFailedException.builder().build());
        assertFalse(limits().allow("client", NOW));
    }

    @Test
    @SuppressWarnings("unchecked")
    void tryAcquire_shouldStartANewWindow_whenTheAddressHasNone() {
        when(dynamo.updateItem(any(Consumer.class)))
                .thenThrow(ConditionalCheckFailedException.builder().build())
                .thenReturn(UpdateItemResponse.builder().build());
        assertTrue(limits().tryAcquire("address-id", NOW));
        verify(dynamo, times(2)).updateItem(any(Consumer.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void tryAcquire_shouldRefuse_whenNeitherTheOpenWindowNorANewOneAllowsIt() {
        when(dynamo.updateItem(any(Consumer.class))).thenThrow(ConditionalCheckFailedException.builder().build());
        assertFalse(limits().tryAcquire("address-id", NOW));
    }
}

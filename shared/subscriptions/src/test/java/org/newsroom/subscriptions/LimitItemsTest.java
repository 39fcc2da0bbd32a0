package org.newsroom.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.newsroom.core.limits.DynamoDbRateLimiter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

class LimitItemsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:30:00Z");

    @Test
    @SuppressWarnings("unchecked")
    void rateLayout_shouldKeepTheSignupWindowsWhereTheyWere() {
        // RATE#<digest>#<window start> with count and expiresAt: windows written before stay valid.
        DynamoDbClient dynamo = mock(DynamoDbClient.class);
        new DynamoDbRateLimiter(
                        dynamo,
                        "limits",
                        LimitItems.RATE_LAYOUT,
                        LimitItems.RATE_PREFIX,
                        5,
                        Duration.ofMinutes(10))
                .allow("client", NOW);
        ArgumentCaptor<Consumer<UpdateItemRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo).updateItem(captor.capture());
        UpdateItemRequest.Builder builder = UpdateItemRequest.builder();
        captor.getValue().accept(builder);
        UpdateItemRequest request = builder.build();
        assertEquals(
                "RATE#client#" + (NOW.getEpochSecond() / 600 * 600), request.key().get("pk").s());
        assertEquals("count", request.expressionAttributeNames().get("#count"));
        assertEquals("expiresAt", request.expressionAttributeNames().get("#expires"));
        assertEquals("5", request.expressionAttributeValues().get(":limit").n());
    }

    @Test
    void sendCapKey_shouldNameTheAddress() {
        assertEquals("CAP#address-id", LimitItems.sendCapKey("address-id").get("pk").s());
    }
}

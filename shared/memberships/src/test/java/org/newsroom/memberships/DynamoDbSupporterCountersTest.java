package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;

class DynamoDbSupporterCountersTest {

    private final DynamoDbClient dynamo = mock(DynamoDbClient.class);
    private final DynamoDbSupporterCounters repository =
            new DynamoDbSupporterCounters(
                    new MembershipTable(
                            dynamo,
                            "members",
                            4,
                            Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC),
                            bound -> 3));

    @Test
    void readCounters_shouldSumEveryShard_withOneConsistentBatchGet() {
        when(dynamo.batchGetItem(any(Consumer.class)))
                .thenReturn(
                        BatchGetItemResponse.builder()
                                .responses(
                                        Map.of(
                                                "members",
                                                List.of(
                                                        Map.of(
                                                                "pk",
                                                                AttributeValue.fromS("COUNTER#0"),
                                                                "supporters",
                                                                AttributeValue.fromN("5"),
                                                                "campaign:x",
                                                                AttributeValue.fromN("2")),
                                                        Map.of(
                                                                "pk",
                                                                AttributeValue.fromS("COUNTER#2"),
                                                                "supporters",
                                                                AttributeValue.fromN("-1")),
                                                        Map.of(
                                                                "pk",
                                                                AttributeValue.fromS("COUNTER#3"),
                                                                "campaign:old",
                                                                AttributeValue.fromN("40")))))
                                .build());

        Map<String, Long> counts = repository.read(List.of("supporters", "campaign:x"));

        assertEquals(Map.of("supporters", 4L, "campaign:x", 2L), counts);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<BatchGetItemRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo).batchGetItem(captor.capture());
        BatchGetItemRequest.Builder builder = BatchGetItemRequest.builder();
        captor.getValue().accept(builder);
        assertEquals(4, builder.build().requestItems().get("members").keys().size());
        assertEquals(true, builder.build().requestItems().get("members").consistentRead());
    }
}

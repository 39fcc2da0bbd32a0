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
import java.util.Optional;
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
    void read_shouldSumEveryShardAndTakeTheCampaign_withOneConsistentBatchGet() {
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
                                                                AttributeValue.fromN("40")),
                                                        Map.of(
                                                                "pk",
                                                                AttributeValue.fromS("CAMPAIGN"),
                                                                "sk",
                                                                AttributeValue.fromS("CAMPAIGN"),
                                                                "campaignId",
                                                                AttributeValue.fromS("x"),
                                                                "title",
                                                                AttributeValue.fromS("X"),
                                                                "goal",
                                                                AttributeValue.fromN("10"),
                                                                "startsAt",
                                                                AttributeValue.fromS("2026-11-01"),
                                                                "endsAt",
                                                                AttributeValue.fromS(
                                                                        "2026-11-30")))))
                                .build());

        SupporterCounters.Reading reading = repository.read();

        assertEquals(4, reading.total("supporters"));
        assertEquals(2, reading.total("campaign:x"));
        assertEquals(40, reading.total("campaign:old"));
        assertEquals(
                Optional.of(
                        new Campaign(
                                "x",
                                "X",
                                10,
                                Instant.parse("2026-11-01T00:00:00Z"),
                                Instant.parse("2026-12-01T00:00:00Z"))),
                reading.campaign());
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<BatchGetItemRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo).batchGetItem(captor.capture());
        BatchGetItemRequest.Builder builder = BatchGetItemRequest.builder();
        captor.getValue().accept(builder);
        List<Map<String, AttributeValue>> keys =
                builder.build().requestItems().get("members").keys();
        assertEquals(5, keys.size(), "four shards and the campaign");
        assertEquals(MembershipItems.campaignKey(), keys.get(4));
        assertEquals(true, builder.build().requestItems().get("members").consistentRead());
    }

    @Test
    void read_shouldGiveNoCampaign_whenTheItemIsAbsent() {
        when(dynamo.batchGetItem(any(Consumer.class)))
                .thenReturn(
                        BatchGetItemResponse.builder()
                                .responses(Map.of("members", List.of()))
                                .build());
        SupporterCounters.Reading reading = repository.read();
        assertEquals(Optional.empty(), reading.campaign());
        assertEquals(0, reading.total("supporters"));
    }
}

package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

class DynamoDbCampaignStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final DynamoDbClient dynamo = mock(DynamoDbClient.class);
    private final DynamoDbCampaignStore store =
            new DynamoDbCampaignStore(
                    new MembershipTable(
                            dynamo, "members", 4, Clock.fixed(NOW, ZoneOffset.UTC), bound -> 0),
                    Clock.fixed(NOW, ZoneOffset.UTC));
    private final Campaign campaign =
            new Campaign(
                    "birthday",
                    "1,000 new members",
                    1000,
                    Instant.parse("2026-11-01T00:00:00Z"),
                    Instant.parse("2026-12-01T00:00:00Z"));

    @Test
    void put_shouldWriteTheCampaignItem_withInstantsAndANumberGoal() {
        store.put(campaign);

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<PutItemRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo).putItem(captor.capture());
        PutItemRequest.Builder builder = PutItemRequest.builder();
        captor.getValue().accept(builder);
        PutItemRequest request = builder.build();
        assertEquals("members", request.tableName());
        Map<String, AttributeValue> item = request.item();
        assertEquals("CAMPAIGN", item.get("pk").s());
        assertEquals("CAMPAIGN", item.get("sk").s());
        assertEquals("birthday", item.get("campaignId").s());
        assertEquals("1,000 new members", item.get("title").s());
        assertEquals("1000", item.get("goal").n());
        assertEquals("2026-11-01T00:00:00Z", item.get("startsAt").s());
        assertEquals("2026-12-01T00:00:00Z", item.get("endsAt").s());
        assertEquals(NOW.toString(), item.get("updatedAt").s());
    }

    @Test
    void find_shouldReadTheItemWritten_andAcceptHandEditedDates() {
        when(dynamo.getItem(any(Consumer.class)))
                .thenReturn(
                        GetItemResponse.builder()
                                .item(MembershipItems.toItem(campaign, NOW))
                                .build(),
                        GetItemResponse.builder()
                                .item(
                                        Map.of(
                                                "pk", AttributeValue.fromS("CAMPAIGN"),
                                                "sk", AttributeValue.fromS("CAMPAIGN"),
                                                "campaignId", AttributeValue.fromS("birthday"),
                                                "title", AttributeValue.fromS("1,000 new members"),
                                                "goal", AttributeValue.fromS("1000"),
                                                "startsAt", AttributeValue.fromS("2026-11-01"),
                                                "endsAt", AttributeValue.fromS("2026-11-30")))
                                .build());

        assertEquals(Optional.of(campaign), store.find());
        assertEquals(Optional.of(campaign), store.find());
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<GetItemRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(dynamo, org.mockito.Mockito.times(2)).getItem(captor.capture());
        GetItemRequest.Builder builder = GetItemRequest.builder();
        captor.getValue().accept(builder);
        assertEquals(MembershipItems.campaignKey(), builder.build().key());
        assertEquals(true, builder.build().consistentRead());
    }

    @Test
    void find_shouldBeEmpty_whenThereIsNoItem() {
        when(dynamo.getItem(any(Consumer.class))).thenReturn(GetItemResponse.builder().build());
        assertEquals(Optional.empty(), store.find());
    }

    @Test
    void find_shouldFailLoudly_whenTheItemIsNotACampaign() {
        when(dynamo.getItem(any(Consumer.class)))
                .thenReturn(
                        GetItemResponse.builder()
                                .item(
                                        Map.of(
                                                "pk", AttributeValue.fromS("CAMPAIGN"),
                                                "sk", AttributeValue.fromS("CAMPAIGN"),
                                                "campaignId", AttributeValue.fromS("birthday"),
                                                "goal", AttributeValue.fromN("1000"),
                                                "startsAt", AttributeValue.fromS("November"),
                                                "endsAt", AttributeValue.fromS("2026-11-30")))
                                .build());
        MembershipStoreException e = assertThrows(MembershipStoreException.class, store::find);
        assertTrue(e.getMessage().contains("start"), e.getMessage());
    }
}

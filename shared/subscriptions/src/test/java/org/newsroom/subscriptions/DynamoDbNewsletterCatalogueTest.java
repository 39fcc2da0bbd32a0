package org.newsroom.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
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
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

@ExtendWith(MockitoExtension.class)
class DynamoDbNewsletterCatalogueTest {

    private static final Newsletter DAILY =
            new Newsletter("daily-briefing", "Daily briefing", "Every morning", "daily", true, 1);
    private static final Newsletter WEEKLY =
            new Newsletter("weekly", "The week", "Saturdays", "weekly", false, 2);
    private static final Map<String, AttributeValue> LAST_KEY =
            Map.of("pk", AttributeValue.fromS("CATALOGUE"), "sk", AttributeValue.fromS("x"));

    @Mock DynamoDbClient dynamo;

    @Test
    void all_shouldReadEveryPageInPositionOrder_andSkipMalformedItems() {
        // GIVEN two pages, the first holding the later newsletter and a malformed item
        when(dynamo.query(any(QueryRequest.class)))
                .thenReturn(
                        QueryResponse.builder()
                                .items(
                                        NewsletterItems.toItem(WEEKLY),
                                        Map.of("pk", AttributeValue.fromS("CATALOGUE")))
                                .lastEvaluatedKey(LAST_KEY)
                                .build(),
                        QueryResponse.builder().items(NewsletterItems.toItem(DAILY)).build());
        // WHEN
        List<Newsletter> all = new DynamoDbNewsletterCatalogue(dynamo, "newsletters").all();
        // THEN both pages were read, the second from where the first stopped
        assertEquals(List.of(DAILY, WEEKLY), all);
        ArgumentCaptor<QueryRequest> requests = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamo, times(2)).query(requests.capture());
        QueryRequest first = requests.getAllValues().get(0);
        assertEquals("newsletters", first.tableName());
        assertEquals("#pk = :pk", first.keyConditionExpression());
        assertEquals(Map.of("#pk", NewsletterItems.PK), first.expressionAttributeNames());
        assertEquals(
                Map.of(":pk", AttributeValue.fromS(NewsletterItems.CATALOGUE)),
                first.expressionAttributeValues());
        assertEquals(false, first.hasExclusiveStartKey());
        assertEquals(
                first.toBuilder().exclusiveStartKey(LAST_KEY).build(),
                requests.getAllValues().get(1));
    }

    @Test
    void all_shouldThrowStoreException_keepingTheCause_whenDynamoDbFails() {
        DynamoDbException failure =
                (DynamoDbException) DynamoDbException.builder().message("down").build();
        when(dynamo.query(any(QueryRequest.class))).thenThrow(failure);
        SubscriptionStoreException thrown =
                assertThrows(
                        SubscriptionStoreException.class,
                        () -> new DynamoDbNewsletterCatalogue(dynamo, "newsletters").all());
        assertSame(failure, thrown.getCause());
    }
}

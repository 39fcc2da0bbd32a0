package org.newsroom.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

class DynamoDbIssueRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-12-01T06:55:00Z");

    private final DynamoDbClient dynamo = mock(DynamoDbClient.class);
    private final DynamoDbIssueRepository repository =
            new DynamoDbIssueRepository(dynamo, "issues");

    private static Issue draft() {
        return new Issue(
                "daily-briefing",
                "20261201t065500z-abc123",
                "The Daily Briefing",
                "Tuesday",
                IssueStatus.DRAFT,
                NOW,
                NOW,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                IssueCounts.NONE,
                0,
                false);
    }

    @Test
    void create_shouldWriteTheSummaryIfNewAndTheContent_inOneTransaction() {
        IssueContent content = new IssueContent("Tuesday", "Roadworks", "<p>Hi</p>", "Hi");

        repository.create(draft(), content);

        ArgumentCaptor<TransactWriteItemsRequest> sent =
                ArgumentCaptor.forClass(TransactWriteItemsRequest.class);
        verify(dynamo).transactWriteItems(sent.capture());
        List<TransactWriteItem> items = sent.getValue().transactItems();
        assertEquals(2, items.size());
        Put summary = items.get(0).put();
        assertEquals("issues", summary.tableName());
        assertEquals(IssueItems.toSummaryItem(draft()), summary.item());
        assertEquals("attribute_not_exists(#pk)", summary.conditionExpression());
        assertEquals(Map.of("#pk", "pk"), summary.expressionAttributeNames());
        Put body = items.get(1).put();
        assertEquals("issues", body.tableName());
        assertEquals(
                IssueItems.toContentItem("daily-briefing", "20261201t065500z-abc123", content),
                body.item());
        assertNull(body.conditionExpression());
    }

    @Test
    void create_shouldThrowIssueStoreException_whenTheTableFails() {
        DynamoDbException failure =
                (DynamoDbException) DynamoDbException.builder().message("down").build();
        when(dynamo.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(failure);

        IssueStoreException thrown =
                assertThrows(
                        IssueStoreException.class,
                        () ->
                                repository.create(
                                        draft(),
                                        new IssueContent("Tuesday", "", "<p>Hi</p>", "Hi")));
        assertEquals(failure, thrown.getCause());
    }
}

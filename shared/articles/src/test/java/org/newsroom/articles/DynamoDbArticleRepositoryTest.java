package org.newsroom.articles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;
import org.newsroom.core.store.ConcurrentChangeException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class DynamoDbArticleRepositoryTest {

    private static final String TABLE = "articles-table";
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00.500Z");

    private DynamoDbClient dynamo;
    private DynamoDbArticleRepository repository;

    @BeforeEach
    void setUp() {
        dynamo = mock(DynamoDbClient.class);
        // The repository uses the SDK's builder-consumer overloads; let them build the request
        // and reach the stubbed request-object methods, whose arguments the tests capture.
        when(dynamo.getItem(ArgumentMatchers.<Consumer<GetItemRequest.Builder>>any()))
                .thenCallRealMethod();
        when(dynamo.transactWriteItems(
                        ArgumentMatchers.<Consumer<TransactWriteItemsRequest.Builder>>any()))
                .thenCallRealMethod();
        when(dynamo.batchGetItem(ArgumentMatchers.<Consumer<BatchGetItemRequest.Builder>>any()))
                .thenCallRealMethod();
        repository = new DynamoDbArticleRepository(dynamo, TABLE);
    }

    private void storedItem(Map<String, AttributeValue> item) {
        when(dynamo.getItem(any(GetItemRequest.class)))
                .thenReturn(GetItemResponse.builder().item(item).build());
    }

    private void noStoredItem() {
        when(dynamo.getItem(any(GetItemRequest.class)))
                .thenReturn(GetItemResponse.builder().build());
    }

    private TransactWriteItemsRequest capturedTransaction() {
        ArgumentCaptor<TransactWriteItemsRequest> captor =
                ArgumentCaptor.forClass(TransactWriteItemsRequest.class);
        verify(dynamo).transactWriteItems(captor.capture());
        return captor.getValue();
    }

    private static String resolved(String expression, Map<String, String> names) {
        String result = expression;
        for (Map.Entry<String, String> name : names.entrySet()) {
            result = result.replace(name.getKey(), name.getValue());
        }
        return result;
    }

    private static Set<String> deletedSortKeys(TransactWriteItemsRequest request) {
        return request.transactItems().stream()
                .filter(w -> w.delete() != null)
                .map(w -> w.delete().key().get(ArticleItems.SK).s())
                .collect(Collectors.toSet());
    }

    private static Set<String> putSortKeys(TransactWriteItemsRequest request) {
        return request.transactItems().stream()
                .filter(w -> w.put() != null)
                .map(w -> w.put().item().get(ArticleItems.SK).s())
                .collect(Collectors.toSet());
    }

    // ---- list ----

    private QueryRequest capturedQuery() {
        ArgumentCaptor<QueryRequest> captor = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamo).query(captor.capture());
        return captor.getValue();
    }

    private static List<Map<String, AttributeValue>> entries(Listing listing, int count) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Article base = Fixtures.article("story-" + i, List.of("transport"), false, true);
            Article article =
                    new Article(
                            base.slug(),
                            base.headline(),
                            base.summary(),
                            base.body(),
                            base.authors(),
                            base.section(),
                            base.tags(),
                            Fixtures.PUBLISHED.minusSeconds(60L * i),
                            base.updatedAt(),
                            base.readingTimeMinutes(),
                            base.audio(),
                            base.featured(),
                            base.related(),
                            true);
            items.add(ArticleItems.toListingItem(article, listing));
        }
        return items;
    }

    @Test
    void list_shouldQueryTheListingIndexNewestFirstForOneMoreThanTheLimit() {
        // GIVEN
        when(dynamo.query(any(QueryRequest.class)))
                .thenReturn(QueryResponse.builder().items(List.of()).build());
        // WHEN
        ListingPage page = repository.list(Listing.section("city"), NOW, 3, Optional.empty());
        // THEN
        QueryRequest query = capturedQuery();
        assertEquals(TABLE, query.tableName());
        assertEquals("Listing", query.indexName());
        assertEquals(
                "listKey = :k AND listSort < :upper",
                resolved(query.keyConditionExpression(), query.expressionAttributeNames()));
        assertEquals("SECTION#city", query.expressionAttributeValues().get(":k").s());
        assertEquals("2026-11-26T09:00:00Z$", query.expressionAttributeValues().get(":upper").s());
        assertFalse(query.scanIndexForward());
        assertEquals(4, query.limit());
        assertFalse(query.hasExclusiveStartKey());
        assertTrue(page.items().isEmpty());
        assertTrue(page.next().isEmpty());
    }

    @Test
    void list_shouldStartAfterThePosition_whenOneIsGiven() {
        when(dynamo.query(any(QueryRequest.class)))
                .thenReturn(QueryResponse.builder().items(List.of()).build());
        ListingPosition position =
                new ListingPosition(
                        Listing.tag("transport"),
                        Instant.parse("2026-11-20T10:00:00Z"),
                        "old-story");

        repository.list(Listing.tag("transport"), NOW, 5, Optional.of(position));

        Map<String, AttributeValue> start = capturedQuery().exclusiveStartKey();
        assertEquals(
                Map.of(
                        "pk", AttributeValue.fromS("A#old-story"),
                        "sk", AttributeValue.fromS("L#TAG#transport"),
                        "listKey", AttributeValue.fromS("TAG#transport"),
                        "listSort", AttributeValue.fromS("2026-11-20T10:00:00Z#old-story")),
                start);
    }

    @Test
    void list_shouldOfferNextPosition_whenMoreItemsThanTheLimitCameBack() {
        when(dynamo.query(any(QueryRequest.class)))
                .thenReturn(QueryResponse.builder().items(entries(Listing.ALL, 4)).build());

        ListingPage page = repository.list(Listing.ALL, NOW, 3, Optional.empty());

        assertEquals(
                List.of("story-0", "story-1", "story-2"),
                page.items().stream().map(ArticleSummary::slug).toList());
        assertEquals(
                Optional.of(
                        new ListingPosition(
                                Listing.ALL, Fixtures.PUBLISHED.minusSeconds(120), "story-2")),
                page.next());
    }

    @Test
    void list_shouldOfferNoNextPosition_whenExactlyTheLimitCameBack() {
        when(dynamo.query(any(QueryRequest.class)))
                .thenReturn(QueryResponse.builder().items(entries(Listing.ALL, 3)).build());

        ListingPage page = repository.list(Listing.ALL, NOW, 3, Optional.empty());

        assertEquals(3, page.items().size());
        assertTrue(page.next().isEmpty());
    }

    @Test
    void list_shouldWrapSdkFailure_keepingTheCause() {
        SdkClientException failure = SdkClientException.create("connection refused");
        when(dynamo.query(any(QueryRequest.class))).thenThrow(failure);

        ArticleStoreException e =
                assertThrows(
                        ArticleStoreException.class,
                        () -> repository.list(Listing.ALL, NOW, 3, Optional.empty()));
        assertSame(failure, e.getCause());
    }

    // ---- find ----

    @Test
    void find_shouldReadTheArticleItemByKey() {
        Article article = Fixtures.article("harbour-bridge", List.of("transport"), false, true);
        storedItem(ArticleItems.toItem(article, 2));

        assertEquals(Optional.of(article), repository.find("harbour-bridge"));

        ArgumentCaptor<GetItemRequest> captor = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(dynamo).getItem(captor.capture());
        assertEquals(TABLE, captor.getValue().tableName());
        assertEquals(
                Map.of(
                        "pk",
                        AttributeValue.fromS("A#harbour-bridge"),
                        "sk",
                        AttributeValue.fromS("ARTICLE")),
                captor.getValue().key());
    }

    @Test
    void find_shouldBeEmpty_whenNoItem() {
        noStoredItem();
        assertEquals(Optional.empty(), repository.find("nothing-here"));
    }

    @Test
    void find_shouldWrapSdkFailure_keepingTheCause() {
        SdkClientException failure = SdkClientException.create("timeout");
        when(dynamo.getItem(any(GetItemRequest.class))).thenThrow(failure);
        ArticleStoreException e =
                assertThrows(ArticleStoreException.class, () -> repository.find("x"));
        assertSame(failure, e.getCause());
    }

    // ---- findVisibleSummaries ----

    @Test
    void findVisibleSummaries_shouldKeepRequestedOrderAndSkipInvisibleOnes() {
        Article visibleA = Fixtures.article("a-story", List.of(), false, true);
        Article unpublished = Fixtures.article("b-story", List.of(), false, false);
        Article base = Fixtures.article("c-story", List.of(), false, true);
        Article scheduled =
                new Article(
                        base.slug(),
                        base.headline(),
                        base.summary(),
                        base.body(),
                        base.authors(),
                        base.section(),
                        base.tags(),
                        NOW.plusSeconds(3600),
                        base.updatedAt(),
                        1,
                        Optional.empty(),
                        false,
                        List.of(),
                        true);
        Article visibleD = Fixtures.article("d-story", List.of(), false, true);
        when(dynamo.batchGetItem(any(BatchGetItemRequest.class)))
                .thenReturn(
                        BatchGetItemResponse.builder()
                                .responses(
                                        Map.of(
                                                TABLE,
                                                List.of(
                                                        ArticleItems.toItem(visibleA, 1),
                                                        ArticleItems.toItem(unpublished, 1),
                                                        ArticleItems.toItem(scheduled, 1),
                                                        ArticleItems.toItem(visibleD, 1))))
                                .build());

        List<ArticleSummary> found =
                repository.findVisibleSummaries(
                        List.of("d-story", "b-story", "c-story", "a-story", "d-story"), NOW);

        assertEquals(
                List.of("d-story", "a-story"), found.stream().map(ArticleSummary::slug).toList());
        ArgumentCaptor<BatchGetItemRequest> captor =
                ArgumentCaptor.forClass(BatchGetItemRequest.class);
        verify(dynamo).batchGetItem(captor.capture());
        assertEquals(
                4,
                captor.getValue().requestItems().get(TABLE).keys().size(),
                "duplicates asked once");
    }

    /**
     * A few of DynamoDB's reserved words that read like attribute names; they must be written as
     * #placeholders.
     */
    private static final Set<String> RESERVED =
            Set.of(
                    "section",
                    "name",
                    "status",
                    "date",
                    "timestamp",
                    "user",
                    "count",
                    "size",
                    "data",
                    "key",
                    "type",
                    "value",
                    "url");

    @Test
    void findVisibleSummaries_shouldNotProjectReservedWordsWithoutPlaceholders() {
        when(dynamo.batchGetItem(any(BatchGetItemRequest.class)))
                .thenReturn(
                        BatchGetItemResponse.builder().responses(Map.of(TABLE, List.of())).build());

        repository.findVisibleSummaries(List.of("a-story"), NOW);

        ArgumentCaptor<BatchGetItemRequest> captor =
                ArgumentCaptor.forClass(BatchGetItemRequest.class);
        verify(dynamo).batchGetItem(captor.capture());
        var keysAndAttributes = captor.getValue().requestItems().get(TABLE);
        for (String name : keysAndAttributes.projectionExpression().split(",")) {
            String attribute = name.strip();
            if (attribute.startsWith("#")) {
                attribute = keysAndAttributes.expressionAttributeNames().get(attribute);
            } else {
                assertFalse(
                        RESERVED.contains(attribute.toLowerCase(Locale.ROOT)),
                        "reserved word used directly in the projection: " + attribute);
            }
            assertTrue(attribute != null && !attribute.isBlank(), name);
        }
    }

    @Test
    void findVisibleSummaries_shouldNotCallDynamo_whenNoSlugs() {
        assertTrue(repository.findVisibleSummaries(List.of(), NOW).isEmpty());
        verify(dynamo, never()).batchGetItem(any(BatchGetItemRequest.class));
    }

    // ---- save ----

    @Test
    void save_shouldPutNewArticleOnlyIfAbsent_andWriteEveryListing() {
        // GIVEN
        noStoredItem();
        Article article =
                Fixtures.article("harbour-bridge", List.of("transport", "council"), true, true);
        // WHEN
        boolean created = repository.save(article);
        // THEN
        assertTrue(created);
        TransactWriteItemsRequest request = capturedTransaction();
        TransactWriteItem first = request.transactItems().get(0);
        assertEquals(TABLE, first.put().tableName());
        assertEquals(
                "attribute_not_exists(pk)",
                resolved(
                        first.put().conditionExpression(), first.put().expressionAttributeNames()));
        assertEquals("1", first.put().item().get("version").n());
        assertEquals(
                Set.of(
                        "ARTICLE",
                        "L#ALL",
                        "L#SECTION#city",
                        "L#TAG#transport",
                        "L#TAG#council",
                        "L#FEATURED"),
                putSortKeys(request));
        assertTrue(deletedSortKeys(request).isEmpty());
    }

    @Test
    void save_shouldPutExistingArticleWithVersionCondition_andDeleteListingsItLeft() {
        // GIVEN stored: tags transport + council, featured, version 3
        Article before =
                Fixtures.article("harbour-bridge", List.of("transport", "council"), true, true);
        storedItem(ArticleItems.toItem(before, 3));
        // WHEN saved without the council tag and no longer featured
        Article after = Fixtures.article("harbour-bridge", List.of("transport"), false, true);
        boolean created = repository.save(after);
        // THEN
        assertFalse(created);
        TransactWriteItemsRequest request = capturedTransaction();
        TransactWriteItem first = request.transactItems().get(0);
        assertEquals(
                "version = :v",
                resolved(
                        first.put().conditionExpression(), first.put().expressionAttributeNames()));
        assertEquals("3", first.put().expressionAttributeValues().get(":v").n());
        assertEquals("4", first.put().item().get("version").n());
        assertEquals(Set.of("L#TAG#council", "L#FEATURED"), deletedSortKeys(request));
        assertEquals(
                Set.of("ARTICLE", "L#ALL", "L#SECTION#city", "L#TAG#transport"),
                putSortKeys(request));
        request.transactItems().stream()
                .filter(w -> w.delete() != null)
                .forEach(
                        w -> {
                            assertEquals(TABLE, w.delete().tableName());
                            assertEquals("A#harbour-bridge", w.delete().key().get("pk").s());
                        });
    }

    @Test
    void save_shouldReadCurrentItemConsistently() {
        noStoredItem();
        repository.save(Fixtures.article("harbour-bridge", List.of(), false, true));
        ArgumentCaptor<GetItemRequest> captor = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(dynamo).getItem(captor.capture());
        assertTrue(captor.getValue().consistentRead());
    }

    @Test
    void save_shouldThrowConcurrentChange_whenConditionFailed() {
        noStoredItem();
        TransactionCanceledException cancelled =
                TransactionCanceledException.builder()
                        .message("Transaction cancelled")
                        .cancellationReasons(
                                CancellationReason.builder().code("ConditionalCheckFailed").build(),
                                CancellationReason.builder().code("None").build())
                        .build();
        when(dynamo.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(cancelled);

        ConcurrentChangeException e =
                assertThrows(
                        ConcurrentChangeException.class,
                        () ->
                                repository.save(
                                        Fixtures.article(
                                                "harbour-bridge", List.of(), false, true)));
        assertSame(cancelled, e.getCause());
    }

    @Test
    void save_shouldThrowStoreException_whenTransactionCancelledForAnotherReason() {
        noStoredItem();
        TransactionCanceledException cancelled =
                TransactionCanceledException.builder()
                        .message("Transaction cancelled")
                        .cancellationReasons(
                                CancellationReason.builder().code("ValidationError").build())
                        .build();
        when(dynamo.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(cancelled);

        ArticleStoreException e =
                assertThrows(
                        ArticleStoreException.class,
                        () ->
                                repository.save(
                                        Fixtures.article(
                                                "harbour-bridge", List.of(), false, true)));
        assertSame(cancelled, e.getCause());
    }

    @Test
    void save_shouldWrapOtherSdkFailures_keepingTheCause() {
        noStoredItem();
        SdkClientException failure = SdkClientException.create("connection reset");
        when(dynamo.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(failure);

        ArticleStoreException e =
                assertThrows(
                        ArticleStoreException.class,
                        () ->
                                repository.save(
                                        Fixtures.article(
                                                "harbour-bridge", List.of(), false, true)));
        assertSame(failure, e.getCause());
    }

    // ---- unpublish ----

    @Test
    void unpublish_shouldMarkUnpublishedAndDeleteEveryListingEntry() {
        Article stored =
                Fixtures.article("harbour-bridge", List.of("transport", "council"), true, true);
        storedItem(ArticleItems.toItem(stored, 7));

        assertTrue(repository.unpublish("harbour-bridge", NOW));

        TransactWriteItemsRequest request = capturedTransaction();
        TransactWriteItem first = request.transactItems().get(0);
        assertFalse(first.put().item().get("published").bool());
        assertEquals("8", first.put().item().get("version").n());
        assertEquals(
                "version = :v",
                resolved(
                        first.put().conditionExpression(), first.put().expressionAttributeNames()));
        assertEquals("7", first.put().expressionAttributeValues().get(":v").n());
        assertEquals(
                Set.of("L#ALL", "L#SECTION#city", "L#TAG#transport", "L#TAG#council", "L#FEATURED"),
                deletedSortKeys(request));
        assertEquals(Set.of("ARTICLE"), putSortKeys(request));
    }

    @Test
    void unpublish_shouldReturnFalseAndWriteNothing_whenUnknown() {
        noStoredItem();
        assertFalse(repository.unpublish("nothing-here", NOW));
        verify(dynamo, never()).transactWriteItems(any(TransactWriteItemsRequest.class));
    }
}

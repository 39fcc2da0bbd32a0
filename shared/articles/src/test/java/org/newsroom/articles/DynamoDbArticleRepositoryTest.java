package org.newsroom.articles;

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

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

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
        when(dynamo.query(ArgumentMatchers.<Consumer<QueryRequest.Builder>>any()))
                .thenCallRealMethod();
        when(dynamo.updateItem(ArgumentMatchers.<Consumer<UpdateItemRequest.Builder>>any()))
                .thenCallRealMethod();
        // A BatchGetItem finds what storedItem stored, projected as asked; tests that need other
        // answers stub it again.
        when(dynamo.batchGetItem(any(BatchGetItemRequest.class)))
                .thenAnswer(invocation -> batchAnswer(invocation.getArgument(0)));
        repository = new DynamoDbArticleRepository(dynamo, TABLE);
    }

    /** The items in the mocked table, by partition key (article items only). */
    private final Map<String, Map<String, AttributeValue>> table = new HashMap<>();

    private BatchGetItemResponse batchAnswer(BatchGetItemRequest request) {
        if (request == null) {
            return null; // the call Mockito makes while a test stubs it again
        }
        KeysAndAttributes asked = request.requestItems().get(TABLE);
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (Map<String, AttributeValue> key : asked.keys()) {
            Map<String, AttributeValue> item = table.get(key.get(ArticleItems.PK).s());
            if (item != null) {
                found.add(projected(item, asked));
            }
        }
        return BatchGetItemResponse.builder().responses(Map.of(TABLE, found)).build();
    }

    /** The item as DynamoDB answers a read with this (top-level) projection. */
    private static Map<String, AttributeValue> projected(
            Map<String, AttributeValue> item, KeysAndAttributes asked) {
        if (asked.projectionExpression() == null) {
            return item;
        }
        Set<String> names = new HashSet<>();
        for (String name : asked.projectionExpression().split(",")) {
            names.add(asked.expressionAttributeNames().getOrDefault(name.trim(), name.trim()));
        }
        Map<String, AttributeValue> projected = new HashMap<>(item);
        projected.keySet().retainAll(names);
        return projected;
    }

    private void storedItem(Map<String, AttributeValue> item) {
        table.put(item.get(ArticleItems.PK).s(), item);
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
        storedItem(ArticleItems.toItem(article, List.of(), 2));

        assertEquals(
                Optional.of(new StoredArticle(article, List.of(), 2)),
                repository.find("harbour-bridge"));

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

    // ---- findPublishedSummaries ----

    @Test
    void findPublishedSummaries_shouldKeepRequestedOrderAndSkipUnpublishedOnes() {
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
                                                        ArticleItems.toItem(visibleA, List.of(), 1),
                                                        ArticleItems.toItem(
                                                                unpublished, List.of(), 1),
                                                        ArticleItems.toItem(
                                                                scheduled, List.of(), 1),
                                                        ArticleItems.toItem(
                                                                visibleD, List.of(), 1))))
                                .build());

        List<ArticleSummary> found =
                repository.findPublishedSummaries(
                        List.of("d-story", "b-story", "c-story", "a-story", "d-story"));

        // Scheduled ones are kept: related stories are filtered by time when shown.
        assertEquals(
                List.of("d-story", "c-story", "a-story"),
                found.stream().map(ArticleSummary::slug).toList());
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
    void findPublishedSummaries_shouldNotProjectReservedWordsWithoutPlaceholders() {
        when(dynamo.batchGetItem(any(BatchGetItemRequest.class)))
                .thenReturn(
                        BatchGetItemResponse.builder().responses(Map.of(TABLE, List.of())).build());

        repository.findPublishedSummaries(List.of("a-story"));

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
    void findPublishedSummaries_shouldNotCallDynamo_whenNoSlugs() {
        assertTrue(repository.findPublishedSummaries(List.of()).isEmpty());
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
        SavedArticle saved =
                repository.save(article, explicit -> List.of(), Precondition.CREATE_ONLY);
        // THEN
        assertEquals(new SavedArticle(true, 1, false, Fixtures.UPDATED), saved);
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
        storedItem(ArticleItems.toItem(before, List.of(), 3));
        // WHEN saved without the council tag and no longer featured
        Article after = Fixtures.article("harbour-bridge", List.of("transport"), false, true);
        SavedArticle saved =
                repository.save(after, explicit -> List.of(), new Precondition.OneOf(Set.of(3L)));
        // THEN (its summary changed: the articles listing it are to be refreshed)
        assertEquals(new SavedArticle(false, 4, true, Fixtures.UPDATED), saved);
        TransactWriteItemsRequest request = capturedTransaction();
        TransactWriteItem first = request.transactItems().get(0);
        assertFalse(first.put().item().containsKey("listersVerified"));
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
    void save_shouldNotAskForRelatedStories_norWrite_whenThePreconditionFails() {
        // GIVEN an article is stored, and the related stories are counted as they are asked for
        storedItem(
                ArticleItems.toItem(
                        Fixtures.article("harbour-bridge", List.of(), false, true), List.of(), 2));
        List<String> asked = new ArrayList<>();
        // WHEN a create-only save of the same slug
        PreconditionFailedException e =
                assertThrows(
                        PreconditionFailedException.class,
                        () ->
                                repository.save(
                                        Fixtures.article("harbour-bridge", List.of(), false, true),
                                        explicit -> {
                                            asked.add("related stories");
                                            return List.of();
                                        },
                                        Precondition.CREATE_ONLY));
        // THEN it is refused before the related stories are chosen, and nothing is written
        assertEquals(PreconditionFailedException.Reason.EXISTS, e.reason());
        assertEquals(List.of(), asked);
        verify(dynamo, never()).transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    @Test
    void save_shouldReadTheArticleAndItsChoicesInOneConsistentBatchGet_andNoGetItem() {
        // GIVEN stored: the article (version 3) and two of its three editors' choices, one of them
        // unpublished
        Article article =
                new Article(
                        "harbour-bridge",
                        "Headline",
                        "Summary",
                        "<p>Body</p>",
                        List.of("Ana Reyes"),
                        "city",
                        List.of("transport"),
                        Fixtures.PUBLISHED,
                        Fixtures.UPDATED,
                        3,
                        Optional.empty(),
                        false,
                        List.of("night-market", "harbour-bridge", "gone-story", "ferry-times"),
                        true);
        storedItem(ArticleItems.toItem(article, List.of(), 3));
        Article ferries = Fixtures.article("ferry-times", List.of("transport"), false, true);
        storedItem(ArticleItems.toItem(ferries, List.of(summary("x-story", "X")), 5));
        storedItem(
                ArticleItems.toItem(
                        Fixtures.article("night-market", List.of(), false, false), List.of(), 2));
        List<List<ArticleSummary>> given = new ArrayList<>();
        // WHEN
        SavedArticle saved =
                repository.save(
                        article,
                        explicit -> {
                            given.add(explicit);
                            return explicit;
                        },
                        new Precondition.OneOf(Set.of(3L)));
        // THEN one consistent read of the article and its other choices, in their order (its
        // listers were never verified: an item written before that was stored)
        assertEquals(new SavedArticle(false, 4, true, Fixtures.UPDATED), saved);
        verify(dynamo, never()).getItem(any(GetItemRequest.class));
        ArgumentCaptor<BatchGetItemRequest> captor =
                ArgumentCaptor.forClass(BatchGetItemRequest.class);
        verify(dynamo).batchGetItem(captor.capture());
        KeysAndAttributes keys = captor.getValue().requestItems().get(TABLE);
        assertTrue(keys.consistentRead());
        assertEquals(
                List.of("A#harbour-bridge", "A#night-market", "A#gone-story", "A#ferry-times"),
                keys.keys().stream().map(k -> k.get(ArticleItems.PK).s()).toList());
        // and the published choice, as the summary it stores, is what the chooser was given
        assertEquals(List.of(List.of(ferries.summaryView())), given);
        assertEquals(
                List.of(ferries.summaryView()),
                ArticleItems.relatedStories(
                        capturedTransaction().transactItems().get(0).put().item()));
    }

    @Test
    void save_shouldReadTheArticleAgainWithAGetItem_whenTheBatchLeavesItUnprocessed() {
        // GIVEN the article is stored (version 5), but every BatchGetItem leaves its key
        // unprocessed
        Map<String, AttributeValue> item = storedVersion(5);
        storedItem(item);
        when(dynamo.batchGetItem(any(BatchGetItemRequest.class)))
                .thenAnswer(
                        invocation -> {
                            BatchGetItemRequest request = invocation.getArgument(0);
                            return BatchGetItemResponse.builder()
                                    .responses(Map.of(TABLE, List.of()))
                                    .unprocessedKeys(request.requestItems())
                                    .build();
                        });
        // WHEN a save expecting revision 4
        PreconditionFailedException e =
                assertThrows(
                        PreconditionFailedException.class,
                        () ->
                                repository.save(
                                        Fixtures.article("harbour-bridge", List.of(), false, true),
                                        explicit -> List.of(),
                                        new Precondition.OneOf(Set.of(4L))));
        // THEN the batch was asked five times, then the item read on its own: stale, not missing
        assertEquals(PreconditionFailedException.Reason.STALE, e.reason());
        verify(dynamo, times(5)).batchGetItem(any(BatchGetItemRequest.class));
        ArgumentCaptor<GetItemRequest> get = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(dynamo).getItem(get.capture());
        assertTrue(get.getValue().consistentRead());
        verify(dynamo, never()).transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    @Test
    void save_shouldAskAgainForTheKeysTheBatchLeftUnprocessed() {
        // GIVEN stored at version 2; the first BatchGetItem leaves the article's key unprocessed
        Map<String, AttributeValue> item = storedVersion(2);
        storedItem(item);
        List<BatchGetItemRequest> asked = new ArrayList<>();
        when(dynamo.batchGetItem(any(BatchGetItemRequest.class)))
                .thenAnswer(
                        invocation -> {
                            BatchGetItemRequest request = invocation.getArgument(0);
                            asked.add(request);
                            if (asked.size() == 1) {
                                return BatchGetItemResponse.builder()
                                        .responses(Map.of(TABLE, List.of()))
                                        .unprocessedKeys(request.requestItems())
                                        .build();
                            }
                            return batchAnswer(request);
                        });
        // WHEN
        SavedArticle saved =
                repository.save(
                        Fixtures.article("harbour-bridge", List.of(), false, true),
                        explicit -> List.of(),
                        new Precondition.OneOf(Set.of(2L)));
        // THEN the second batch found it: replaced at revision 3, with no GetItem
        assertEquals(new SavedArticle(false, 3, true, Fixtures.UPDATED), saved);
        assertEquals(2, asked.size());
        assertEquals(asked.get(0).requestItems(), asked.get(1).requestItems());
        verify(dynamo, never()).getItem(any(GetItemRequest.class));
    }

    @Test
    void save_shouldThrowConcurrentChange_whenConditionFailedForAnyRevision() {
        storedItem(
                ArticleItems.toItem(
                        Fixtures.article("harbour-bridge", List.of(), false, true), List.of(), 1));
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
                                        Fixtures.article("harbour-bridge", List.of(), false, true),
                                        explicit -> List.of(),
                                        Precondition.ANY_REVISION));
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
                                        Fixtures.article("harbour-bridge", List.of(), false, true),
                                        explicit -> List.of(),
                                        Precondition.CREATE_ONLY));
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
                                        Fixtures.article("harbour-bridge", List.of(), false, true),
                                        explicit -> List.of(),
                                        Precondition.CREATE_ONLY));
        assertSame(failure, e.getCause());
    }

    // ---- unpublish ----

    @Test
    void unpublish_shouldMarkUnpublishedAndDeleteEveryListingEntry() {
        Article stored =
                Fixtures.article("harbour-bridge", List.of("transport", "council"), true, true);
        storedItem(ArticleItems.toItem(stored, List.of(), 7));

        assertEquals(
                OptionalLong.of(8),
                repository.unpublish("harbour-bridge", NOW, Precondition.ANY_REVISION));

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
        assertTrue(repository.unpublish("nothing-here", NOW, Precondition.ANY_REVISION).isEmpty());
        verify(dynamo, never()).transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    // ---- preconditions ----

    // ---- whether the articles that list a saved one are known to show it ----

    private static final Instant CHANGED = Instant.parse("2026-11-24T12:00:00Z");

    /** Saves {@code after} over {@code stored} (version 3) and answers the outcome. */
    private SavedArticle savedOver(Map<String, AttributeValue> stored, Article after) {
        storedItem(stored);
        return repository.save(after, explicit -> List.of(), new Precondition.OneOf(Set.of(3L)));
    }

    private Map<String, AttributeValue> writtenArticle() {
        return capturedTransaction().transactItems().get(0).put().item();
    }

    /** {@code article} stored at version 3, its summary changed at {@link #CHANGED}. */
    private static Map<String, AttributeValue> storedAt3(Article article, boolean verified) {
        Map<String, AttributeValue> item = ArticleItems.toItem(article, List.of(), 3);
        ArticleItems.putListersState(item, CHANGED, verified);
        return item;
    }

    private static Article edited(
            Article article, String headline, String body, Instant publishedAt) {
        return new Article(
                article.slug(),
                headline,
                article.summary(),
                body,
                article.authors(),
                article.section(),
                article.tags(),
                publishedAt,
                article.updatedAt(),
                article.readingTimeMinutes(),
                article.audio(),
                article.featured(),
                article.related(),
                article.published());
    }

    private static final Article STORY =
            Fixtures.article("harbour-bridge", List.of("transport"), false, true);

    @Test
    void save_shouldKeepTheListersVerified_whenOnlyTheBodyChanged() {
        // GIVEN a published article whose listers were verified after its last summary change
        // WHEN only its body is corrected
        SavedArticle saved =
                savedOver(
                        storedAt3(STORY, true),
                        edited(STORY, STORY.headline(), "<p>Corrected.</p>", STORY.publishedAt()));
        // THEN no refresh is owed, and the mark and the change time are carried over
        assertEquals(new SavedArticle(false, 4, false, CHANGED), saved);
        Map<String, AttributeValue> item = writtenArticle();
        assertTrue(item.get("listersVerified").bool());
        assertEquals("2026-11-24T12:00:00Z", item.get("summaryChangedAt").s());
    }

    @Test
    void save_shouldCompareThePublishTime_toTheSecond_asStored() {
        // A client that sends the publish time back with a fraction of a second
        Instant withMillis = STORY.publishedAt().plusMillis(250);
        SavedArticle saved =
                savedOver(
                        storedAt3(STORY, true),
                        edited(STORY, STORY.headline(), "<p>Corrected.</p>", withMillis));
        assertEquals(new SavedArticle(false, 4, false, CHANGED), saved);
    }

    @Test
    void save_shouldOweARefresh_andDropTheMark_whenTheHeadlineChanged() {
        SavedArticle saved =
                savedOver(
                        storedAt3(STORY, true),
                        edited(STORY, "A new headline", STORY.body(), STORY.publishedAt()));
        assertEquals(new SavedArticle(false, 4, true, Fixtures.UPDATED), saved);
        Map<String, AttributeValue> item = writtenArticle();
        assertFalse(item.containsKey("listersVerified"));
        assertEquals(ArticleItems.timestamp(Fixtures.UPDATED), item.get("summaryChangedAt").s());
    }

    @Test
    void save_shouldOweARefresh_whenTheListersWereNeverVerified_evenIfNothingChanged() {
        // GIVEN the refreshes since the last summary change all ran before it had settled, failed
        // or were cut short: no mark
        SavedArticle saved =
                savedOver(
                        storedAt3(STORY, false),
                        edited(STORY, STORY.headline(), "<p>Again.</p>", STORY.publishedAt()));
        // THEN this save refreshes too; the summary's change time is kept, so it can verify
        assertEquals(new SavedArticle(false, 4, true, CHANGED), saved);
        assertFalse(writtenArticle().containsKey("listersVerified"));
    }

    @Test
    void save_shouldOweARefresh_whenTheArticleWasUnpublished() {
        // GIVEN stored unpublished, marked (as an item written before the unpublish could be)
        Article before = Fixtures.article("harbour-bridge", List.of("transport"), false, false);
        SavedArticle saved = savedOver(storedAt3(before, true), STORY);
        assertEquals(new SavedArticle(false, 4, true, Fixtures.UPDATED), saved);
    }

    @Test
    void save_shouldMarkANewArticle_asNothingListsItYet() {
        noStoredItem();
        SavedArticle saved =
                repository.save(STORY, explicit -> List.of(), Precondition.CREATE_ONLY);
        assertEquals(new SavedArticle(true, 1, false, Fixtures.UPDATED), saved);
        assertTrue(writtenArticle().get("listersVerified").bool());
    }

    @Test
    void listersVerified_shouldMarkTheArticle_onlyAtTheRevisionItWasRefreshedFor() {
        repository.listersVerified("harbour-bridge", 4);
        ArgumentCaptor<UpdateItemRequest> captor = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(dynamo).updateItem(captor.capture());
        UpdateItemRequest update = captor.getValue();
        assertEquals(TABLE, update.tableName());
        assertEquals(ArticleItems.key("harbour-bridge"), update.key());
        assertEquals(
                "SET listersVerified = :t",
                resolved(update.updateExpression(), update.expressionAttributeNames()));
        assertTrue(update.expressionAttributeValues().get(":t").bool());
        assertEquals(
                "version = :v",
                resolved(update.conditionExpression(), update.expressionAttributeNames()));
        assertEquals("4", update.expressionAttributeValues().get(":v").n());
    }

    @Test
    void listersVerified_shouldDoNothing_whenTheArticleWasSavedAgainSince() {
        when(dynamo.updateItem(any(UpdateItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder().message("failed").build());
        repository.listersVerified("harbour-bridge", 4);
        verify(dynamo).updateItem(any(UpdateItemRequest.class));
    }

    @Test
    void listersVerified_shouldReportAStoreError() {
        when(dynamo.updateItem(any(UpdateItemRequest.class)))
                .thenThrow(DynamoDbException.builder().message("down").build());
        assertThrows(
                ArticleStoreException.class, () -> repository.listersVerified("harbour-bridge", 4));
    }

    private static Map<String, AttributeValue> storedVersion(long version) {
        return ArticleItems.toItem(
                Fixtures.article("harbour-bridge", List.of(), false, true), List.of(), version);
    }

    @Test
    void save_shouldRefuseAndWriteNothing_whenCreateOnlyFindsAnArticle() {
        storedItem(storedVersion(2));
        PreconditionFailedException e =
                assertThrows(
                        PreconditionFailedException.class,
                        () ->
                                repository.save(
                                        Fixtures.article("harbour-bridge", List.of(), false, true),
                                        explicit -> List.of(),
                                        Precondition.CREATE_ONLY));
        assertEquals(PreconditionFailedException.Reason.EXISTS, e.reason());
        verify(dynamo, never()).transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    @Test
    void save_shouldRefuseAndWriteNothing_whenRevisionIsStale() {
        storedItem(storedVersion(5));
        PreconditionFailedException e =
                assertThrows(
                        PreconditionFailedException.class,
                        () ->
                                repository.save(
                                        Fixtures.article("harbour-bridge", List.of(), false, true),
                                        explicit -> List.of(),
                                        new Precondition.OneOf(Set.of(4L))));
        assertEquals(PreconditionFailedException.Reason.STALE, e.reason());
        verify(dynamo, never()).transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    @Test
    void save_shouldRefuse_whenReplacingAnArticleThatDoesNotExist() {
        noStoredItem();
        PreconditionFailedException e =
                assertThrows(
                        PreconditionFailedException.class,
                        () ->
                                repository.save(
                                        Fixtures.article("harbour-bridge", List.of(), false, true),
                                        explicit -> List.of(),
                                        Precondition.ANY_REVISION));
        assertEquals(PreconditionFailedException.Reason.MISSING, e.reason());
        verify(dynamo, never()).transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    @Test
    void save_shouldReportStale_whenAnotherEditorWinsBetweenReadAndWrite() {
        storedItem(storedVersion(5));
        when(dynamo.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenThrow(
                        TransactionCanceledException.builder()
                                .message("Transaction cancelled")
                                .cancellationReasons(
                                        CancellationReason.builder()
                                                .code("ConditionalCheckFailed")
                                                .build())
                                .build());
        PreconditionFailedException e =
                assertThrows(
                        PreconditionFailedException.class,
                        () ->
                                repository.save(
                                        Fixtures.article("harbour-bridge", List.of(), false, true),
                                        explicit -> List.of(),
                                        new Precondition.OneOf(Set.of(5L))));
        assertEquals(PreconditionFailedException.Reason.STALE, e.reason());
    }

    @Test
    void unpublish_shouldRefuseAndWriteNothing_whenRevisionIsStale() {
        storedItem(storedVersion(3));
        PreconditionFailedException e =
                assertThrows(
                        PreconditionFailedException.class,
                        () ->
                                repository.unpublish(
                                        "harbour-bridge", NOW, new Precondition.OneOf(Set.of(2L))));
        assertEquals(PreconditionFailedException.Reason.STALE, e.reason());
        verify(dynamo, never()).transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    // ---- related stories and references ----

    private static ArticleSummary summary(String slug, String headline) {
        return new ArticleSummary(
                slug,
                headline,
                "Summary " + slug,
                List.of("Ana Reyes"),
                "city",
                List.of("transport"),
                Fixtures.PUBLISHED,
                2,
                false,
                true);
    }

    @Test
    void find_shouldReturnStoredRelatedStoriesAndRevision() {
        Article article = Fixtures.article("harbour-bridge", List.of("transport"), false, true);
        List<ArticleSummary> related =
                List.of(summary("ferry-times", "Ferries"), summary("night-market", "Market"));
        storedItem(ArticleItems.toItem(article, related, 6));

        assertEquals(
                Optional.of(new StoredArticle(article, related, 6)),
                repository.find("harbour-bridge"));
    }

    @Test
    void save_shouldStoreRelatedStories_andWriteAReferenceForEach_andDeleteDroppedOnes() {
        // GIVEN stored with related stories a and b
        Article article = Fixtures.article("harbour-bridge", List.of(), false, true);
        storedItem(
                ArticleItems.toItem(
                        article, List.of(summary("a-story", "A"), summary("b-story", "B")), 1));
        // WHEN saved with b and c
        List<ArticleSummary> related = List.of(summary("b-story", "B"), summary("c-story", "C"));
        repository.save(article, explicit -> related, new Precondition.OneOf(Set.of(1L)));
        // THEN
        TransactWriteItemsRequest request = capturedTransaction();
        Map<String, AttributeValue> item = request.transactItems().get(0).put().item();
        assertEquals(related, ArticleItems.relatedStories(item));
        List<String> references =
                request.transactItems().stream()
                        .filter(w -> w.put() != null)
                        .map(w -> w.put().item())
                        .filter(i -> i.get(ArticleItems.SK).s().startsWith("R#"))
                        .map(i -> i.get(ArticleItems.PK).s() + " " + i.get(ArticleItems.SK).s())
                        .toList();
        assertEquals(
                List.of("A#b-story R#harbour-bridge", "A#c-story R#harbour-bridge"), references);
        List<String> deleted =
                request.transactItems().stream()
                        .filter(w -> w.delete() != null)
                        .map(w -> w.delete().key())
                        .filter(k -> k.get(ArticleItems.SK).s().startsWith("R#"))
                        .map(k -> k.get(ArticleItems.PK).s() + " " + k.get(ArticleItems.SK).s())
                        .toList();
        assertEquals(List.of("A#a-story R#harbour-bridge"), deleted);
    }

    @Test
    void referencing_shouldQueryTheReferenceItemsInTheArticlesPartition() {
        when(dynamo.query(any(QueryRequest.class)))
                .thenReturn(
                        QueryResponse.builder()
                                .items(
                                        List.of(
                                                Map.of(
                                                        "pk", AttributeValue.fromS("A#ferry-times"),
                                                        "sk", AttributeValue.fromS("R#harbour"))))
                                .build());

        assertEquals(List.of("harbour"), repository.referencing("ferry-times", 101));

        QueryRequest query = capturedQuery();
        assertEquals(TABLE, query.tableName());
        assertEquals(null, query.indexName());
        assertEquals(101, query.limit());
        assertEquals(
                "pk = :pk AND begins_with(sk, :prefix)",
                resolved(query.keyConditionExpression(), query.expressionAttributeNames()));
        assertEquals("A#ferry-times", query.expressionAttributeValues().get(":pk").s());
        assertEquals("R#", query.expressionAttributeValues().get(":prefix").s());
    }

    @Test
    void replaceRelatedStory_shouldReplaceTheSummary_ifRevisionAndListAreStillAsRead() {
        Article article = Fixtures.article("harbour-bridge", List.of(), false, true);
        Map<String, AttributeValue> stored =
                ArticleItems.toItem(
                        article, List.of(summary("a-story", "Old"), summary("b-story", "B")), 4);
        storedItem(stored);

        assertTrue(
                repository.replaceRelatedStory(
                        "harbour-bridge", "a-story", Optional.of(summary("a-story", "New"))));

        TransactWriteItemsRequest request = capturedTransaction();
        assertEquals(1, request.transactItems().size(), "the reference stays");
        var update = request.transactItems().get(0).update();
        assertEquals("A#harbour-bridge", update.key().get("pk").s());
        assertEquals(
                "version = :v AND relatedStories = :read",
                resolved(update.conditionExpression(), update.expressionAttributeNames()));
        assertEquals("4", update.expressionAttributeValues().get(":v").n());
        // the list as read, so a concurrent refresh of b-story in it is not overwritten
        assertEquals(stored.get("relatedStories"), update.expressionAttributeValues().get(":read"));
        assertEquals(
                List.of(summary("a-story", "New"), summary("b-story", "B")),
                update.expressionAttributeValues().get(":r").l().stream()
                        .map(v -> ArticleItems.toSummary(v.m()))
                        .toList());
    }

    @Test
    void replaceRelatedStory_shouldRemoveTheStoryAndItsReference_whenItWasUnpublished() {
        Article article = Fixtures.article("harbour-bridge", List.of(), false, true);
        storedItem(
                ArticleItems.toItem(
                        article, List.of(summary("a-story", "A"), summary("b-story", "B")), 4));

        assertTrue(repository.replaceRelatedStory("harbour-bridge", "a-story", Optional.empty()));

        TransactWriteItemsRequest request = capturedTransaction();
        assertEquals(
                List.of(summary("b-story", "B")),
                request
                        .transactItems()
                        .get(0)
                        .update()
                        .expressionAttributeValues()
                        .get(":r")
                        .l()
                        .stream()
                        .map(v -> ArticleItems.toSummary(v.m()))
                        .toList());
        assertEquals(
                Map.of(
                        "pk", AttributeValue.fromS("A#a-story"),
                        "sk", AttributeValue.fromS("R#harbour-bridge")),
                request.transactItems().get(1).delete().key());
    }

    @Test
    void replaceRelatedStory_shouldOnlyDropTheReference_ifTheArticleIsStillAsRead() {
        Article article = Fixtures.article("harbour-bridge", List.of(), false, true);
        Map<String, AttributeValue> stored =
                ArticleItems.toItem(article, List.of(summary("b-story", "B")), 4);
        storedItem(stored);

        assertFalse(
                repository.replaceRelatedStory(
                        "harbour-bridge", "a-story", Optional.of(summary("a-story", "A"))));

        // THEN the reference goes, in one transaction with a check that the article has neither
        // been saved nor had its stories changed since it was read (a save in between may have
        // listed the story again and put the reference back)
        TransactWriteItemsRequest request = capturedTransaction();
        assertEquals(2, request.transactItems().size());
        var check = request.transactItems().get(0).conditionCheck();
        assertEquals(ArticleItems.key("harbour-bridge"), check.key());
        assertEquals(
                "version = :v AND relatedStories = :read",
                resolved(check.conditionExpression(), check.expressionAttributeNames()));
        assertEquals("4", check.expressionAttributeValues().get(":v").n());
        assertEquals(stored.get("relatedStories"), check.expressionAttributeValues().get(":read"));
        var delete = request.transactItems().get(1).delete();
        assertEquals("A#a-story", delete.key().get("pk").s());
        assertEquals("R#harbour-bridge", delete.key().get("sk").s());
    }

    @Test
    void replaceRelatedStory_shouldDropAReferenceOfAMissingArticle_onlyIfItIsStillMissing() {
        noStoredItem();

        assertFalse(repository.replaceRelatedStory("gone-story", "a-story", Optional.empty()));

        TransactWriteItemsRequest request = capturedTransaction();
        var check = request.transactItems().get(0).conditionCheck();
        assertEquals(ArticleItems.key("gone-story"), check.key());
        assertEquals(
                "attribute_not_exists(pk)",
                resolved(check.conditionExpression(), check.expressionAttributeNames()));
        assertEquals("R#gone-story", request.transactItems().get(1).delete().key().get("sk").s());
    }

    @Test
    void replaceRelatedStory_shouldWriteNothing_whenTheArticleShowsTheSummaryAsStored() {
        // GIVEN an article that lists the story as stored: its publish time to the second
        Article article = Fixtures.article("harbour-bridge", List.of(), false, true);
        ArticleSummary asPublished = summary("a-story", "A");
        storedItem(ArticleItems.toItem(article, List.of(asPublished), 4));
        // WHEN the story is refreshed with the summary an editor's request gave, whose publish
        // time has a fraction of a second
        ArticleSummary withFraction =
                new ArticleSummary(
                        asPublished.slug(),
                        asPublished.headline(),
                        asPublished.summary(),
                        asPublished.authors(),
                        asPublished.section(),
                        asPublished.tags(),
                        asPublished.publishedAt().plusMillis(250),
                        asPublished.readingTimeMinutes(),
                        asPublished.featured(),
                        asPublished.hasAudio());
        // THEN nothing is written, one at a time or in a batch
        assertFalse(
                repository.replaceRelatedStory(
                        "harbour-bridge", "a-story", Optional.of(withFraction)));
        assertEquals(
                0,
                repository.replaceRelatedStoryInAll(
                        List.of("harbour-bridge"), "a-story", Optional.of(withFraction)));
        verify(dynamo, never()).transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    @Test
    void replaceRelatedStory_shouldWriteNothing_whenTheStoredSummaryIsAlreadyCurrent() {
        // GIVEN an article that lists the story with the summary it has now
        Article article = Fixtures.article("harbour-bridge", List.of(), false, true);
        storedItem(
                ArticleItems.toItem(
                        article, List.of(summary("a-story", "A"), summary("b-story", "B")), 4));

        // WHEN the story's refresh reaches it
        boolean updated =
                repository.replaceRelatedStory(
                        "harbour-bridge", "a-story", Optional.of(summary("a-story", "A")));

        // THEN no transaction is sent: DynamoDB refuses one with no items
        assertFalse(updated);
        verify(dynamo, never()).transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    @Test
    void
            replaceRelatedStoryInAll_shouldReadTheArticlesInOneConsistentBatch_andWriteOnlyStaleOnes() {
        // GIVEN one article with the story's old summary, one with its current summary, and a
        // reference from an article that is not there
        ArticleSummary current = summary("a-story", "New");
        Map<String, AttributeValue> stale =
                ArticleItems.toItem(
                        Fixtures.article("harbour", List.of(), false, true),
                        List.of(summary("a-story", "Old")),
                        4);
        Map<String, AttributeValue> upToDate =
                ArticleItems.toItem(
                        Fixtures.article("market", List.of(), false, true), List.of(current), 2);
        when(dynamo.batchGetItem(any(BatchGetItemRequest.class)))
                .thenReturn(
                        BatchGetItemResponse.builder()
                                .responses(Map.of(TABLE, List.of(upToDate, stale)))
                                .build());

        // WHEN
        int changed =
                repository.replaceRelatedStoryInAll(
                        List.of("harbour", "market", "gone"), "a-story", Optional.of(current));

        // THEN one consistent read of the three, no GetItem, and two transactions: the stale
        // summary replaced at its revision, and the dangling reference deleted (if "gone" is
        // still missing)
        assertEquals(1, changed);
        ArgumentCaptor<BatchGetItemRequest> read =
                ArgumentCaptor.forClass(BatchGetItemRequest.class);
        verify(dynamo).batchGetItem(read.capture());
        var keys = read.getValue().requestItems().get(TABLE);
        assertEquals(3, keys.keys().size());
        assertTrue(keys.consistentRead());
        verify(dynamo, never()).getItem(any(GetItemRequest.class));
        ArgumentCaptor<TransactWriteItemsRequest> writes =
                ArgumentCaptor.forClass(TransactWriteItemsRequest.class);
        verify(dynamo, org.mockito.Mockito.times(2)).transactWriteItems(writes.capture());
        var update = writes.getAllValues().get(0).transactItems().get(0).update();
        assertEquals("A#harbour", update.key().get("pk").s());
        assertEquals("4", update.expressionAttributeValues().get(":v").n());
        assertEquals(
                List.of(current),
                update.expressionAttributeValues().get(":r").l().stream()
                        .map(v -> ArticleItems.toSummary(v.m()))
                        .toList());
        assertEquals(
                Map.of(
                        "pk", AttributeValue.fromS("A#a-story"),
                        "sk", AttributeValue.fromS("R#gone")),
                writes.getAllValues().get(1).transactItems().get(1).delete().key());
        assertEquals(
                ArticleItems.key("gone"),
                writes.getAllValues().get(1).transactItems().get(0).conditionCheck().key());
    }

    @Test
    void replaceRelatedStoryInAll_shouldReadAnArticleOnItsOwn_whenTheBatchLeavesItUnprocessed() {
        // GIVEN the batch never processes the article's key; read alone, it has the old summary
        when(dynamo.batchGetItem(any(BatchGetItemRequest.class)))
                .thenReturn(
                        BatchGetItemResponse.builder()
                                .responses(Map.of(TABLE, List.of()))
                                .unprocessedKeys(
                                        Map.of(
                                                TABLE,
                                                software.amazon.awssdk.services.dynamodb.model
                                                        .KeysAndAttributes.builder()
                                                        .keys(ArticleItems.key("harbour"))
                                                        .build()))
                                .build());
        storedItem(
                ArticleItems.toItem(
                        Fixtures.article("harbour", List.of(), false, true),
                        List.of(summary("a-story", "Old")),
                        4));

        // WHEN
        int changed =
                repository.replaceRelatedStoryInAll(
                        List.of("harbour"), "a-story", Optional.of(summary("a-story", "New")));

        // THEN it is not taken for missing (which would drop its reference) but read and updated
        assertEquals(1, changed);
        verify(dynamo).getItem(any(GetItemRequest.class));
        assertEquals(
                "A#harbour",
                capturedTransaction().transactItems().get(0).update().key().get("pk").s());
    }

    @Test
    void replaceRelatedStory_shouldStillRewrite_whenOnlyOneOfTwoEntriesOfTheStoryIsCurrent() {
        // GIVEN an article listing the story twice, once with its current summary, once an old one
        Article article = Fixtures.article("harbour-bridge", List.of(), false, true);
        ArticleSummary current = summary("a-story", "New");
        storedItem(
                ArticleItems.toItem(
                        article,
                        List.of(current, summary("b-story", "B"), summary("a-story", "Old")),
                        4));

        // WHEN
        assertTrue(
                repository.replaceRelatedStory("harbour-bridge", "a-story", Optional.of(current)));

        // THEN both entries read as the current summary, and the reference stays
        TransactWriteItemsRequest request = capturedTransaction();
        assertEquals(1, request.transactItems().size());
        assertEquals(
                List.of(current, summary("b-story", "B"), current),
                request
                        .transactItems()
                        .get(0)
                        .update()
                        .expressionAttributeValues()
                        .get(":r")
                        .l()
                        .stream()
                        .map(v -> ArticleItems.toSummary(v.m()))
                        .toList());
    }

    @Test
    void replaceRelatedStory_shouldWriteNothing_whenTheStoryIsListedTwiceAsItIsNow() {
        Article article = Fixtures.article("harbour-bridge", List.of(), false, true);
        ArticleSummary current = summary("a-story", "A");
        storedItem(
                ArticleItems.toItem(
                        article, List.of(current, summary("b-story", "B"), current), 4));

        assertFalse(
                repository.replaceRelatedStory("harbour-bridge", "a-story", Optional.of(current)));

        verify(dynamo, never()).transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    @Test
    void replaceRelatedStory_shouldDropTheReference_whenTheReplacementHasAnotherSlug() {
        // GIVEN the article lists a-story as it is; the replacement offered is another story
        Article article = Fixtures.article("harbour-bridge", List.of(), false, true);
        storedItem(ArticleItems.toItem(article, List.of(summary("a-story", "A")), 4));

        // WHEN
        assertTrue(
                repository.replaceRelatedStory(
                        "harbour-bridge", "a-story", Optional.of(summary("c-story", "C"))));

        // THEN a-story is replaced by c-story and a-story's reference goes
        TransactWriteItemsRequest request = capturedTransaction();
        assertEquals(2, request.transactItems().size());
        assertEquals(
                "R#harbour-bridge", request.transactItems().get(1).delete().key().get("sk").s());
        assertEquals("A#a-story", request.transactItems().get(1).delete().key().get("pk").s());
    }
}

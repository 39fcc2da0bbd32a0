package org.newsroom.articles;

import static org.newsroom.articles.ArticleItems.LIST_KEY;
import static org.newsroom.articles.ArticleItems.LIST_SORT;
import static org.newsroom.articles.ArticleItems.PK;
import static org.newsroom.articles.ArticleItems.SK;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.newsroom.core.store.ConcurrentChangeException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link ArticleRepository} on one DynamoDB table with the layout described in {@link
 * ArticleItems}.
 */
public final class DynamoDbArticleRepository implements ArticleRepository {

    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbArticleRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Article> find(String slug) {
        try {
            GetItemResponse response =
                    dynamo.getItem(b -> b.tableName(table).key(ArticleItems.key(slug)));
            return response.hasItem() && !response.item().isEmpty()
                    ? Optional.of(ArticleItems.toArticle(response.item()))
                    : Optional.empty();
        } catch (SdkException e) {
            throw new ArticleStoreException("Could not read an article", e);
        }
    }

    @Override
    public List<ArticleSummary> findVisibleSummaries(Collection<String> slugs, Instant now) {
        Set<String> unique = new LinkedHashSet<>(slugs);
        if (unique.isEmpty()) {
            return List.of();
        }
        if (unique.size() > BATCH_GET_LIMIT) {
            throw new IllegalArgumentException("At most " + BATCH_GET_LIMIT + " slugs at once");
        }
        Map<String, ArticleSummary> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = unique.stream().map(ArticleItems::key).toList();
        Map<String, KeysAndAttributes> request = new HashMap<>();
        request.put(
                table,
                KeysAndAttributes.builder()
                        .keys(keys)
                        .projectionExpression(ArticleItems.SUMMARY_PROJECTION)
                        .expressionAttributeNames(ArticleItems.SUMMARY_PROJECTION_NAMES)
                        .build());
        try {
            int attempts = 0;
            while (!request.isEmpty() && attempts++ < 5) {
                Map<String, KeysAndAttributes> pending = Map.copyOf(request);
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(pending));
                for (Map<String, AttributeValue> item :
                        response.responses().getOrDefault(table, List.of())) {
                    boolean published =
                            Boolean.TRUE.equals(item.get(ArticleItems.PUBLISHED).bool());
                    ArticleSummary summary = ArticleItems.toSummary(item);
                    if (published && !summary.publishedAt().isAfter(now)) {
                        found.put(summary.slug(), summary);
                    }
                }
                request.clear();
                if (response.hasUnprocessedKeys()) {
                    request.putAll(response.unprocessedKeys());
                }
            }
        } catch (SdkException e) {
            throw new ArticleStoreException("Could not read articles", e);
        }
        List<ArticleSummary> ordered = new ArrayList<>();
        for (String slug : unique) {
            ArticleSummary summary = found.get(slug);
            if (summary != null) {
                ordered.add(summary);
            }
        }
        return ordered;
    }

    @Override
    public ListingPage list(
            Listing listing, Instant now, int limit, Optional<ListingPosition> after) {
        // Everything published up to and including this second; '$' sorts after '#'.
        String upper = ArticleItems.timestamp(now) + "$";
        QueryRequest.Builder query =
                QueryRequest.builder()
                        .tableName(table)
                        .indexName(ArticleItems.LISTING_INDEX)
                        .keyConditionExpression("#k = :k AND #s < :upper")
                        .expressionAttributeNames(Map.of("#k", LIST_KEY, "#s", LIST_SORT))
                        .expressionAttributeValues(
                                Map.of(
                                        ":k", AttributeValue.fromS(listing.key()),
                                        ":upper", AttributeValue.fromS(upper)))
                        .scanIndexForward(false)
                        // One more than asked, so the last page never offers an empty next page.
                        .limit(limit + 1);
        after.ifPresent(
                position ->
                        query.exclusiveStartKey(
                                Map.of(
                                        PK, AttributeValue.fromS(ArticleItems.pk(position.slug())),
                                        SK,
                                                AttributeValue.fromS(
                                                        ArticleItems.LISTING_SK_PREFIX
                                                                + listing.key()),
                                        LIST_KEY, AttributeValue.fromS(listing.key()),
                                        LIST_SORT,
                                                AttributeValue.fromS(
                                                        ArticleItems.listSort(
                                                                position.publishedAt(),
                                                                position.slug())))));
        QueryResponse response;
        try {
            response = dynamo.query(query.build());
        } catch (SdkException e) {
            throw new ArticleStoreException("Could not query a listing", e);
        }
        List<ArticleSummary> items = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            items.add(ArticleItems.toSummary(item));
        }
        Optional<ListingPosition> next = Optional.empty();
        if (items.size() > limit) {
            items = items.subList(0, limit);
            ArticleSummary last = items.get(limit - 1);
            next = Optional.of(new ListingPosition(listing, last.publishedAt(), last.slug()));
        }
        return new ListingPage(items, next);
    }

    @Override
    public boolean save(Article article) {
        Map<String, AttributeValue> previous = currentItem(article.slug());
        Set<Listing> before =
                previous == null
                        ? Set.of()
                        : ArticleItems.listingsOf(ArticleItems.toArticle(previous));
        Set<Listing> after = ArticleItems.listingsOf(article);
        long version = previous == null ? 0 : ArticleItems.version(previous);

        List<TransactWriteItem> writes = new ArrayList<>();
        Put.Builder put =
                Put.builder().tableName(table).item(ArticleItems.toItem(article, version + 1));
        if (previous == null) {
            put.conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK));
        } else {
            put.conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#v", ArticleItems.VERSION))
                    .expressionAttributeValues(
                            Map.of(":v", AttributeValue.fromN(Long.toString(version))));
        }
        writes.add(TransactWriteItem.builder().put(put.build()).build());
        for (Listing listing : after) {
            writes.add(
                    TransactWriteItem.builder()
                            .put(
                                    Put.builder()
                                            .tableName(table)
                                            .item(ArticleItems.toListingItem(article, listing))
                                            .build())
                            .build());
        }
        for (Listing listing : before) {
            if (!after.contains(listing)) {
                writes.add(deleteListing(article.slug(), listing));
            }
        }
        transact(article.slug(), writes);
        return previous == null;
    }

    @Override
    public boolean unpublish(String slug, Instant now) {
        Map<String, AttributeValue> previous = currentItem(slug);
        if (previous == null) {
            return false;
        }
        Article current = ArticleItems.toArticle(previous);
        Article unpublished =
                new Article(
                        current.slug(),
                        current.headline(),
                        current.summary(),
                        current.body(),
                        current.authors(),
                        current.section(),
                        current.tags(),
                        current.publishedAt(),
                        now,
                        current.readingTimeMinutes(),
                        current.audio(),
                        current.featured(),
                        current.related(),
                        false);
        long version = ArticleItems.version(previous);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(
                TransactWriteItem.builder()
                        .put(
                                Put.builder()
                                        .tableName(table)
                                        .item(ArticleItems.toItem(unpublished, version + 1))
                                        .conditionExpression("#v = :v")
                                        .expressionAttributeNames(
                                                Map.of("#v", ArticleItems.VERSION))
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":v",
                                                        AttributeValue.fromN(
                                                                Long.toString(version))))
                                        .build())
                        .build());
        for (Listing listing : ArticleItems.listingsOf(current)) {
            writes.add(deleteListing(slug, listing));
        }
        transact(slug, writes);
        return true;
    }

    private TransactWriteItem deleteListing(String slug, Listing listing) {
        return TransactWriteItem.builder()
                .delete(
                        Delete.builder()
                                .tableName(table)
                                .key(ArticleItems.listingKey(slug, listing))
                                .build())
                .build();
    }

    private Map<String, AttributeValue> currentItem(String slug) {
        try {
            GetItemResponse response =
                    dynamo.getItem(
                            b ->
                                    b.tableName(table)
                                            .key(ArticleItems.key(slug))
                                            .consistentRead(true));
            return response.hasItem() && !response.item().isEmpty()
                    ? new LinkedHashMap<>(response.item())
                    : null;
        } catch (SdkException e) {
            throw new ArticleStoreException("Could not read an article", e);
        }
    }

    private void transact(String slug, List<TransactWriteItem> writes) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            boolean conflict =
                    e.hasCancellationReasons()
                            && e.cancellationReasons().stream()
                                    .anyMatch(
                                            r ->
                                                    "ConditionalCheckFailed".equals(r.code())
                                                            || "TransactionConflict"
                                                                    .equals(r.code()));
            if (conflict) {
                throw new ConcurrentChangeException("Concurrent update of an article", e);
            }
            throw new ArticleStoreException("Could not write an article", e);
        } catch (SdkException e) {
            throw new ArticleStoreException("Could not write an article", e);
        }
    }
}

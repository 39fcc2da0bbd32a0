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
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.newsroom.core.store.ConcurrentChangeException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link ArticleRepository} on one DynamoDB table with the layout described in {@link
 * ArticleItems}.
 */
public final class DynamoDbArticleRepository implements ArticleRepository {

    private static final int BATCH_GET_LIMIT = 100;

    /** The names of the projection that reads an article's revision and related stories. */
    private static final Map<String, String> RELATED_STORIES_NAMES =
            Map.of("#p", PK, "#v", ArticleItems.VERSION, "#r", ArticleItems.RELATED_STORIES);

    /** The names of {@link #asReadCondition}, which an update of the related stories sets too. */
    private static final Map<String, String> AS_READ_NAMES =
            Map.of("#v", ArticleItems.VERSION, "#r", ArticleItems.RELATED_STORIES);

    /** The names of the update that sets {@link ArticleItems#LISTERS_VERIFIED}. */
    private static final Map<String, String> VERIFIED_NAMES =
            Map.of("#l", ArticleItems.LISTERS_VERIFIED, "#v", ArticleItems.VERSION);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbArticleRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<StoredArticle> find(String slug) {
        try {
            GetItemResponse response =
                    dynamo.getItem(b -> b.tableName(table).key(ArticleItems.key(slug)));
            return response.hasItem() && !response.item().isEmpty()
                    ? Optional.of(ArticleItems.toStored(response.item()))
                    : Optional.empty();
        } catch (SdkException e) {
            throw new ArticleStoreException("Could not read an article", e);
        }
    }

    @Override
    public List<ArticleSummary> findPublishedSummaries(Collection<String> slugs) {
        Set<String> unique = new LinkedHashSet<>(slugs);
        if (unique.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, AttributeValue>> byPk = new HashMap<>();
        batchGet(
                KeysAndAttributes.builder()
                        .keys(unique.stream().map(ArticleItems::key).toList())
                        .projectionExpression(ArticleItems.SUMMARY_PROJECTION)
                        .expressionAttributeNames(ArticleItems.SUMMARY_PROJECTION_NAMES)
                        .build(),
                item -> byPk.put(item.get(PK).s(), item));
        return publishedInOrder(unique, byPk);
    }

    /**
     * The summaries of the published ones of {@code slugs}, in their order, from the items read (by
     * partition key); slugs with no item read are left out.
     */
    private static List<ArticleSummary> publishedInOrder(
            Collection<String> slugs, Map<String, Map<String, AttributeValue>> byPk) {
        List<ArticleSummary> ordered = new ArrayList<>(slugs.size());
        for (String slug : slugs) {
            Map<String, AttributeValue> item = byPk.get(ArticleItems.pk(slug));
            if (item != null && ArticleItems.isPublished(item)) {
                ordered.add(ArticleItems.toSummary(item));
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

    /**
     * Reads the article's current item and its editors' choices in one consistent BatchGetItem (see
     * {@link #readForSave}), then writes in one transaction.
     */
    @Override
    public SavedArticle save(
            Article article,
            Function<List<ArticleSummary>, List<ArticleSummary>> relatedStories,
            Precondition precondition) {
        SaveRead read = readForSave(article);
        Map<String, AttributeValue> previous = read.current();
        check(precondition, previous);
        Set<Listing> before = previous == null ? Set.of() : ArticleItems.listingsOfItem(previous);
        Set<Listing> after = ArticleItems.listingsOf(article);
        long version = previous == null ? 0 : ArticleItems.version(previous);
        List<ArticleSummary> stories = new ArrayList<>();
        for (ArticleSummary story : relatedStories.apply(read.chosen())) {
            if (!story.slug().equals(article.slug())) {
                stories.add(story);
            }
        }

        // Nothing lists a new article yet. A replaced one's listers are known to be up to date
        // only if they were verified after an earlier save and this one leaves its summary alone.
        boolean sameSummary =
                previous != null && ArticleItems.showsSummary(previous, article.summaryView());
        Instant summaryChangedAt =
                sameSummary
                        ? ArticleItems.summaryChangedAt(previous).orElse(article.updatedAt())
                        : article.updatedAt();
        boolean verified =
                previous == null || (sameSummary && ArticleItems.listersVerified(previous));
        Map<String, AttributeValue> item = ArticleItems.toItem(article, stories, version + 1);
        ArticleItems.putListersState(item, summaryChangedAt, verified);
        List<TransactWriteItem> writes = new ArrayList<>();
        Put.Builder put = Put.builder().tableName(table).item(item);
        versionCondition(put, previous == null ? null : version);
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
        Set<String> listed = new LinkedHashSet<>();
        for (ArticleSummary story : stories) {
            listed.add(story.slug());
        }
        for (String related : listed) {
            writes.add(
                    TransactWriteItem.builder()
                            .put(
                                    Put.builder()
                                            .tableName(table)
                                            .item(
                                                    ArticleItems.referenceKey(
                                                            related, article.slug()))
                                            .build())
                            .build());
        }
        if (previous != null) {
            for (String old : ArticleItems.relatedSlugs(previous)) {
                if (!listed.contains(old) && !old.equals(article.slug())) {
                    writes.add(deleteReference(old, article.slug()));
                }
            }
        }
        transact(writes, precondition);
        return new SavedArticle(previous == null, version + 1, !verified, summaryChangedAt);
    }

    @Override
    public OptionalLong unpublish(String slug, Instant now, Precondition precondition) {
        Map<String, AttributeValue> previous = currentItem(slug);
        if (previous == null) {
            return OptionalLong.empty();
        }
        check(precondition, previous);
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
        Put.Builder put =
                Put.builder()
                        .tableName(table)
                        .item(
                                ArticleItems.toItem(
                                        unpublished,
                                        ArticleItems.relatedStories(previous),
                                        version + 1));
        versionCondition(put, version);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(put.build()).build());
        for (Listing listing : ArticleItems.listingsOf(current)) {
            writes.add(deleteListing(slug, listing));
        }
        transact(writes, precondition);
        return OptionalLong.of(version + 1);
    }

    @Override
    public void listersVerified(String slug, long revision) {
        try {
            dynamo.updateItem(
                    b ->
                            b.tableName(table)
                                    .key(ArticleItems.key(slug))
                                    .updateExpression("SET #l = :t")
                                    .conditionExpression("#v = :v")
                                    .expressionAttributeNames(VERIFIED_NAMES)
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":t",
                                                    AttributeValue.fromBool(true),
                                                    ":v",
                                                    AttributeValue.fromN(
                                                            Long.toString(revision)))));
        } catch (ConditionalCheckFailedException e) {
            // Saved again (or gone) since: that save marked the article as its own outcome says.
        } catch (SdkException e) {
            throw new ArticleStoreException("Could not mark an article's listers verified", e);
        }
    }

    @Override
    public List<String> referencing(String slug, int limit) {
        QueryResponse response;
        try {
            response =
                    dynamo.query(
                            b ->
                                    b.tableName(table)
                                            .keyConditionExpression(
                                                    "#pk = :pk AND begins_with(#sk, :prefix)")
                                            .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":pk",
                                                            AttributeValue.fromS(
                                                                    ArticleItems.pk(slug)),
                                                            ":prefix",
                                                            AttributeValue.fromS(
                                                                    ArticleItems
                                                                            .REFERENCE_SK_PREFIX)))
                                            .consistentRead(true)
                                            .limit(limit));
        } catch (SdkException e) {
            throw new ArticleStoreException("Could not query references to an article", e);
        }
        List<String> slugs = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            slugs.add(item.get(SK).s().substring(ArticleItems.REFERENCE_SK_PREFIX.length()));
        }
        return slugs;
    }

    @Override
    public boolean replaceRelatedStory(
            String slug, String relatedSlug, Optional<ArticleSummary> replacement) {
        return replaceRelatedStory(
                slug, currentItem(slug), relatedSlug, replacement.map(ArticleItems::asStored));
    }

    /**
     * Reads the articles in one consistent BatchGetItem (their revision and related stories only)
     * instead of one GetItem each, then changes those that need it; one the batch left unprocessed
     * is read on its own.
     */
    @Override
    public int replaceRelatedStoryInAll(
            List<String> slugs, String relatedSlug, Optional<ArticleSummary> replacement) {
        // As stored, so that an article that already shows it is found as it is, not rewritten.
        Optional<ArticleSummary> stored = replacement.map(ArticleItems::asStored);
        Map<String, Map<String, AttributeValue>> read = relatedStoriesOf(slugs);
        int changed = 0;
        for (String slug : slugs) {
            Map<String, AttributeValue> current =
                    read.containsKey(slug) ? read.get(slug) : currentItem(slug);
            if (replaceRelatedStory(
                    slug,
                    current == null || current.isEmpty() ? null : current,
                    relatedSlug,
                    stored)) {
                changed++;
            }
        }
        return changed;
    }

    /**
     * Starting from {@code current}, the article's item as read ({@code null}: there is none);
     * reads it again after losing a race with an editor.
     */
    private boolean replaceRelatedStory(
            String slug,
            Map<String, AttributeValue> current,
            String relatedSlug,
            Optional<ArticleSummary> replacement) {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (attempt > 0) {
                current = currentItem(slug);
            }
            if (current != null
                    && replacement.isPresent()
                    && replacement.get().slug().equals(relatedSlug)
                    && ArticleItems.listsAsIs(current, replacement.get())) {
                // Already lists the story as it is now (an edit that left its summary alone):
                // nothing to write, found without reading every stored summary.
                return false;
            }
            List<ArticleSummary> stored =
                    current == null ? List.of() : ArticleItems.relatedStories(current);
            List<ArticleSummary> updated = new ArrayList<>();
            for (ArticleSummary story : stored) {
                if (!story.slug().equals(relatedSlug)) {
                    updated.add(story);
                } else {
                    replacement.ifPresent(updated::add);
                }
            }
            List<TransactWriteItem> writes = new ArrayList<>();
            if (!updated.equals(stored)) {
                writes.add(
                        TransactWriteItem.builder()
                                .update(
                                        Update.builder()
                                                .tableName(table)
                                                .key(ArticleItems.key(slug))
                                                .updateExpression("SET #r = :r")
                                                // Still as read: a refresh of another story in
                                                // the same list, between this read and write,
                                                // is not overwritten but read again.
                                                .conditionExpression(asReadCondition(current))
                                                .expressionAttributeNames(AS_READ_NAMES)
                                                .expressionAttributeValues(
                                                        asReadValues(
                                                                current,
                                                                ArticleItems.summaries(updated)))
                                                .build())
                                .build());
            }
            boolean listed = updated.stream().anyMatch(r -> r.slug().equals(relatedSlug));
            if (!listed) {
                // Also when the story was already gone: a reference left by an interrupted
                // refresh is cleaned up by the next one. Without an update of the article in the
                // same transaction, the article is checked to be still as read: a save of it in
                // between may list the story again and put the reference back.
                if (writes.isEmpty()) {
                    writes.add(stillAsRead(slug, current));
                }
                writes.add(deleteReference(relatedSlug, slug));
            }
            if (writes.isEmpty()) {
                // Already up to date: DynamoDB refuses a transaction without items.
                return false;
            }
            try {
                transact(writes, Precondition.ANY_REVISION);
                return !updated.equals(stored);
            } catch (ConcurrentChangeException e) {
                // An editor saved the article meanwhile: read it again and redo the change.
            }
        }
        throw new ConcurrentChangeException("Related stories of an article kept changing");
    }

    /**
     * The revision and stored related stories of these articles, read consistently, by slug: an
     * empty map for an article that does not exist; no entry for one the batch left unprocessed.
     */
    private Map<String, Map<String, AttributeValue>> relatedStoriesOf(List<String> slugs) {
        Map<String, String> slugByPk = new LinkedHashMap<>();
        for (String slug : slugs) {
            slugByPk.put(ArticleItems.pk(slug), slug);
        }
        if (slugByPk.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>(slugByPk.size());
        for (String slug : slugByPk.values()) {
            found.put(slug, Map.of());
            keys.add(ArticleItems.key(slug));
        }
        List<Map<String, AttributeValue>> unprocessed =
                batchGet(
                        KeysAndAttributes.builder()
                                .keys(keys)
                                .consistentRead(true)
                                .projectionExpression("#p, #v, #r")
                                .expressionAttributeNames(RELATED_STORIES_NAMES)
                                .build(),
                        item -> found.put(slugByPk.get(item.get(PK).s()), item));
        for (Map<String, AttributeValue> key : unprocessed) {
            found.remove(slugByPk.get(key.get(PK).s()));
        }
        return found;
    }

    /**
     * What a save reads before it writes: the article's current item ({@code null}: there is none)
     * and the published summaries of its editors' choices, in their order.
     */
    private record SaveRead(Map<String, AttributeValue> current, List<ArticleSummary> chosen) {}

    /**
     * The article's item and those of its editors' choices (itself left out) in one consistent
     * BatchGetItem, projected to what a save uses of them: the summary attributes (the listings the
     * article leaves, and the chosen stories' summaries), the revision and the stored related
     * stories (the references to drop). Choices the batch leaves unprocessed are left out, as
     * unknown ones are; the article's own item, if left unprocessed, is read with a GetItem.
     */
    private SaveRead readForSave(Article article) {
        String ownPk = ArticleItems.pk(article.slug());
        Set<String> related = new LinkedHashSet<>(article.related());
        related.remove(article.slug());
        List<Map<String, AttributeValue>> keys = new ArrayList<>(related.size() + 1);
        keys.add(ArticleItems.key(article.slug()));
        related.forEach(slug -> keys.add(ArticleItems.key(slug)));
        Map<String, Map<String, AttributeValue>> byPk = new HashMap<>();
        List<Map<String, AttributeValue>> unprocessed =
                batchGet(
                        KeysAndAttributes.builder()
                                .keys(keys)
                                .consistentRead(true)
                                .projectionExpression(ArticleItems.SAVE_PROJECTION)
                                .expressionAttributeNames(ArticleItems.SAVE_PROJECTION_NAMES)
                                .build(),
                        item -> byPk.put(item.get(PK).s(), item));
        Map<String, AttributeValue> current = byPk.get(ownPk);
        if (current == null) {
            for (Map<String, AttributeValue> key : unprocessed) {
                if (ownPk.equals(key.get(PK).s())) {
                    current = currentItem(article.slug());
                    break;
                }
            }
        }
        return new SaveRead(
                current == null || current.isEmpty() ? null : current,
                publishedInOrder(related, byPk));
    }

    /**
     * A BatchGetItem of {@code keys} on this table (at most {@link #BATCH_GET_LIMIT}), asked again
     * for the keys DynamoDB leaves unprocessed, five requests at most; hands each item read to
     * {@code each} and returns the keys still unprocessed after that.
     */
    private List<Map<String, AttributeValue>> batchGet(
            KeysAndAttributes keys, Consumer<Map<String, AttributeValue>> each) {
        if (keys.keys().size() > BATCH_GET_LIMIT) {
            throw new IllegalArgumentException("At most " + BATCH_GET_LIMIT + " slugs at once");
        }
        Map<String, KeysAndAttributes> request = new HashMap<>();
        request.put(table, keys);
        try {
            int attempts = 0;
            while (!request.isEmpty() && attempts++ < 5) {
                Map<String, KeysAndAttributes> pending = Map.copyOf(request);
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(table, List.of()).forEach(each);
                request.clear();
                if (response.hasUnprocessedKeys()) {
                    request.putAll(response.unprocessedKeys());
                }
            }
        } catch (SdkException e) {
            throw new ArticleStoreException("Could not read articles", e);
        }
        KeysAndAttributes left = request.get(table);
        return left == null ? List.of() : left.keys();
    }

    /** Throws unless the precondition holds for the current item ({@code null}: none). */
    private static void check(Precondition precondition, Map<String, AttributeValue> current) {
        PreconditionFailedException.Reason failure = null;
        if (precondition instanceof Precondition.CreateOnly) {
            failure = current == null ? null : PreconditionFailedException.Reason.EXISTS;
        } else if (current == null) {
            failure = PreconditionFailedException.Reason.MISSING;
        } else if (precondition instanceof Precondition.OneOf oneOf
                && !oneOf.revisions().contains(ArticleItems.version(current))) {
            failure = PreconditionFailedException.Reason.STALE;
        }
        if (failure != null) {
            throw new PreconditionFailedException(failure);
        }
    }

    /** Absent when {@code version} is null, else still at that version. */
    private static void versionCondition(Put.Builder put, Long version) {
        if (version == null) {
            put.conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK));
        } else {
            put.conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#v", ArticleItems.VERSION))
                    .expressionAttributeValues(
                            Map.of(":v", AttributeValue.fromN(Long.toString(version))));
        }
    }

    /**
     * A check that the article item is still as {@code current} was read ({@code null}: that there
     * is none): the same revision and the same stored related stories.
     */
    private TransactWriteItem stillAsRead(String slug, Map<String, AttributeValue> current) {
        ConditionCheck.Builder check =
                ConditionCheck.builder().tableName(table).key(ArticleItems.key(slug));
        if (current == null) {
            check.conditionExpression("attribute_not_exists(#p)")
                    .expressionAttributeNames(Map.of("#p", PK));
        } else {
            check.conditionExpression(asReadCondition(current))
                    .expressionAttributeNames(AS_READ_NAMES)
                    .expressionAttributeValues(asReadValues(current, null));
        }
        return TransactWriteItem.builder().conditionCheck(check.build()).build();
    }

    /**
     * The condition that an article item has the revision and the stored related stories (or none)
     * that {@code current} was read with, on {@link #AS_READ_NAMES} and {@link #asReadValues}.
     */
    private static String asReadCondition(Map<String, AttributeValue> current) {
        return current.containsKey(ArticleItems.RELATED_STORIES)
                ? "#v = :v AND #r = :read"
                : "#v = :v AND attribute_not_exists(#r)";
    }

    /**
     * The values of {@link #asReadCondition}, and {@code replacement} as {@code :r} unless it is
     * null (the related stories an update sets).
     */
    private static Map<String, AttributeValue> asReadValues(
            Map<String, AttributeValue> current, AttributeValue replacement) {
        Map<String, AttributeValue> values = new HashMap<>(4);
        values.put(":v", AttributeValue.fromN(Long.toString(ArticleItems.version(current))));
        AttributeValue read = current.get(ArticleItems.RELATED_STORIES);
        if (read != null) {
            values.put(":read", read);
        }
        if (replacement != null) {
            values.put(":r", replacement);
        }
        return values;
    }

    private TransactWriteItem deleteReference(String relatedSlug, String referencingSlug) {
        return TransactWriteItem.builder()
                .delete(
                        Delete.builder()
                                .tableName(table)
                                .key(ArticleItems.referenceKey(relatedSlug, referencingSlug))
                                .build())
                .build();
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

    /**
     * Writes in one transaction. The first write carries the article's condition: when it fails,
     * the precondition no longer holds (another editor was faster), except for {@code If-Match: *}
     * where it is only a race, reported as a concurrent change (409, try again).
     */
    private void transact(List<TransactWriteItem> writes, Precondition precondition) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            boolean articleCondition =
                    e.hasCancellationReasons()
                            && !e.cancellationReasons().isEmpty()
                            && "ConditionalCheckFailed"
                                    .equals(e.cancellationReasons().get(0).code());
            if (articleCondition && precondition instanceof Precondition.CreateOnly) {
                throw new PreconditionFailedException(PreconditionFailedException.Reason.EXISTS, e);
            }
            if (articleCondition && precondition instanceof Precondition.OneOf) {
                throw new PreconditionFailedException(PreconditionFailedException.Reason.STALE, e);
            }
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

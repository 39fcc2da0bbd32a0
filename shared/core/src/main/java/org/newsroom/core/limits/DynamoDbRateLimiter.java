package org.newsroom.core.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.newsroom.core.store.StoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A {@link RateLimiter} as one conditional counter item per key and window, in whatever table the
 * caller names: each decision is a single {@code UpdateItem} that adds one only while the count is
 * under the limit, so concurrent requests cannot exceed it. Items carry a TTL attribute two windows
 * ahead, so the table cleans itself.
 *
 * <p>The table's key layout stays with the table's owner: {@link Layout} says how a window's name
 * becomes a key and which attributes hold the count and the expiry.
 */
public final class DynamoDbRateLimiter implements RateLimiter {

    /**
     * Where the counters live in a table.
     *
     * @param key the item key of a window, from its name ({@code <prefix><key>#<window start>})
     * @param count the number attribute that counts calls
     * @param expiresAt the TTL attribute (epoch seconds)
     */
    public record Layout(
            Function<String, Map<String, AttributeValue>> key, String count, String expiresAt) {
        public Layout {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(count, "count");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Layout layout;
    private final String prefix;
    private final long windowSeconds;
    private final Map<String, String> names;
    private final AttributeValue limitValue;
    private volatile Window lastWindow;

    private static final String CONDITION = "attribute_not_exists(#count) OR #count < :limit";
    private static final String UPDATE = "ADD #count :one SET #expires = :expires";
    private static final AttributeValue ONE = AttributeValue.fromN("1");

    /**
     * @param prefix names this limit's windows, so several limits can share a table
     * @param limit calls allowed per key and window
     */
    public DynamoDbRateLimiter(
            DynamoDbClient dynamo,
            String table,
            Layout layout,
            String prefix,
            int limit,
            Duration window) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.windowSeconds = Math.max(1, window.toSeconds());
        Map<String, String> names = new HashMap<>(4);
        names.put("#count", layout.count());
        names.put("#expires", layout.expiresAt());
        this.names = Collections.unmodifiableMap(names);
        this.limitValue = AttributeValue.fromN(Integer.toString(limit));
    }

    @Override
    public boolean allow(String key, Instant now) {
        long windowStart = windowStart(now);
        Map<String, AttributeValue> item = itemKey(key, windowStart);
        Map<String, AttributeValue> values = values(windowStart);
        try {
            dynamo.updateItem(
                    b ->
                            b.tableName(table)
                                    .key(item)
                                    .conditionExpression(CONDITION)
                                    .updateExpression(UPDATE)
                                    .expressionAttributeNames(names)
                                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StoreException("Could not count a request", e);
        }
    }

    private long windowStart(Instant now) {
        return now.getEpochSecond() / windowSeconds * windowSeconds;
    }

    private Map<String, AttributeValue> itemKey(String key, long windowStart) {
        // A builder, not a concatenation expression: cheaper in code not compiled to the top level.
        return layout.key()
                .apply(
                        new StringBuilder(prefix.length() + key.length() + 12)
                                .append(prefix)
                                .append(key)
                                .append('#')
                                .append(windowStart)
                                .toString());
    }

    /** The values of a window's update: the limit, one, and the expiry two windows ahead. */
    private Map<String, AttributeValue> values(long windowStart) {
        // Hash maps, not Map.of: the request builder copies them entry by entry, which a hash map
        // does in one loop and an immutable map through an entry set, an iterator and an entry
        // each.
        Window last = lastWindow;
        if (last == null || last.start() != windowStart) {
            Map<String, AttributeValue> values = new HashMap<>(8);
            values.put(":limit", limitValue);
            values.put(":one", ONE);
            values.put(
                    ":expires",
                    AttributeValue.fromN(Long.toString(windowStart + windowSeconds * 2)));
            last = new Window(windowStart, Collections.unmodifiableMap(values));
            lastWindow = last;
        }
        return last.values();
    }

    /** The values of the window used last: one window's calls share them. */
    private record Window(long start, Map<String, AttributeValue> values) {}
}

package org.newsroom.subscriptions;

import org.newsroom.core.crypto.Digests;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Rate limits and send caps as atomic conditional counters in a small DynamoDB table with TTL
 * ({@code pk} string key, {@code expiresAt} TTL attribute). Each decision is one conditional
 * write, so concurrent requests cannot exceed a limit.
 *
 * <ul>
 *   <li>Client rate: item {@code RATE#<digest>#<window start>} with a counter.</li>
 *   <li>Send cap: item {@code CAP#<address id>} with {@code last} (last send), {@code windowStart}
 *       and {@code count} within the current day window.</li>
 * </ul>
 */
public final class DynamoDbLimits implements RateLimiter, SendCap {

    public static final String PK = "pk";
    public static final String COUNT = "count";
    public static final String LAST = "last";
    public static final String WINDOW_START = "windowStart";
    public static final String EXPIRES_AT = "expiresAt";

    private static final Duration CAP_WINDOW = Duration.ofHours(24);

    private final DynamoDbClient dynamo;
    private final String table;
    private final int rateLimit;
    private final Duration rateWindow;
    private final Duration minInterval;
    private final int perDay;

    /**
     * @param rateLimit   requests per client per {@code rateWindow}
     * @param minInterval least time between two confirmation emails to one address
     * @param perDay      most confirmation emails to one address in 24 hours
     */
    public DynamoDbLimits(DynamoDbClient dynamo, String table, int rateLimit, Duration rateWindow,
                          Duration minInterval, int perDay) {
        this.dynamo = dynamo;
        this.table = table;
        this.rateLimit = rateLimit;
        this.rateWindow = rateWindow;
        this.minInterval = minInterval;
        this.perDay = perDay;
    }

    /** A digest of a client key (such as an IP address) so the raw value is never stored. */
    public static String digest(String value) {
        return Digests.sha256Base64Url(value).substring(0, 22);
    }

    @Override
    public boolean allow(String key, Instant now) {
        long windowSeconds = Math.max(1, rateWindow.toSeconds());
        long windowStart = now.getEpochSecond() / windowSeconds * windowSeconds;
        String pk = "RATE#" + key + "#" + windowStart;
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(PK, AttributeValue.fromS(pk)))
                    .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                    .updateExpression("ADD #count :one SET #expires = :expires")
                    .expressionAttributeNames(Map.of("#count", COUNT, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(
                            ":limit", AttributeValue.fromN(Integer.toString(rateLimit)),
                            ":one", AttributeValue.fromN("1"),
                            ":expires", AttributeValue.fromN(Long.toString(windowStart + windowSeconds * 2)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not count a request", e);
        }
    }

    @Override
    public boolean tryAcquire(String addressId, Instant now) {
        if (perDay <= 0) {
            return false;
        }
        long nowSeconds = now.getEpochSecond();
        Map<String, AttributeValue> key = Map.of(PK, AttributeValue.fromS("CAP#" + addressId));
        Map<String, String> names = Map.of("#pk", PK, "#last", LAST, "#start", WINDOW_START, "#count", COUNT, "#expires", EXPIRES_AT);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", AttributeValue.fromN(Long.toString(nowSeconds)));
        values.put(":intervalStart", AttributeValue.fromN(Long.toString(nowSeconds - minInterval.toSeconds())));
        values.put(":windowStart", AttributeValue.fromN(Long.toString(nowSeconds - CAP_WINDOW.toSeconds())));
        values.put(":expires", AttributeValue.fromN(Long.toString(nowSeconds + CAP_WINDOW.toSeconds() + minInterval.toSeconds())));
        try {
            // Within the current day window: one more, if the interval passed and the count allows.
            Map<String, AttributeValue> inWindow = new HashMap<>(values);
            inWindow.put(":max", AttributeValue.fromN(Integer.toString(perDay)));
            inWindow.put(":one", AttributeValue.fromN("1"));
            dynamo.updateItem(b -> b.tableName(table).key(key)
                    .conditionExpression("attribute_exists(#pk) AND #last <= :intervalStart AND #start > :windowStart AND #count < :max")
                    .updateExpression("SET #last = :now, #expires = :expires ADD #count :one")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(inWindow));
            return true;
        } catch (ConditionalCheckFailedException e) {
            // Not within an open window with room: try starting a new window below.
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not check the send cap", e);
        }
        try {
            Map<String, AttributeValue> fresh = new HashMap<>(values);
            fresh.put(":one", AttributeValue.fromN("1"));
            dynamo.updateItem(b -> b.tableName(table).key(key)
                    .conditionExpression("attribute_not_exists(#pk) OR (#last <= :intervalStart AND #start <= :windowStart)")
                    .updateExpression("SET #last = :now, #start = :now, #count = :one, #expires = :expires")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(fresh));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not check the send cap", e);
        }
    }

    /** Forgets the send cap of an address (part of erasure). */
    public void forget(String addressId) {
        forget(dynamo, table, addressId);
    }

    /** Forgets the send cap of an address in {@code table} (part of erasure). */
    public static void forget(DynamoDbClient dynamo, String table, String addressId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of(PK, AttributeValue.fromS("CAP#" + addressId))));
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not erase a send cap", e);
        }
    }
}

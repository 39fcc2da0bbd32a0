package org.newsroom.subscriptions;

import java.util.Map;
import org.newsroom.core.limits.DynamoDbRateLimiter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Item layout of the limits table: a string key {@code pk} and the TTL attribute {@code expiresAt},
 * so every item cleans itself up.
 *
 * <ul>
 *   <li>{@code pk = "RATE#<client digest>#<window start>"}: how many signups one client made in a
 *       fixed window ({@code count}); written by {@link DynamoDbRateLimiter} through {@link
 *       #RATE_LAYOUT}.
 *   <li>{@code pk = "CAP#<address id>"}: an address's send cap ({@code last} send, {@code
 *       windowStart} of its day window and {@code count} within it); see {@link DynamoDbSendCap}.
 * </ul>
 */
public final class LimitItems {

    public static final String PK = "pk";
    public static final String COUNT = "count";
    public static final String LAST = "last";
    public static final String WINDOW_START = "windowStart";
    public static final String EXPIRES_AT = "expiresAt";

    /** The prefix of the per-client signup windows. */
    public static final String RATE_PREFIX = "RATE#";

    static final String CAP_PREFIX = "CAP#";

    /** Where {@link DynamoDbRateLimiter} keeps its windows in this table. */
    public static final DynamoDbRateLimiter.Layout RATE_LAYOUT =
            new DynamoDbRateLimiter.Layout(LimitItems::key, COUNT, EXPIRES_AT);

    private LimitItems() {}

    /** The key of the item named {@code pk}. */
    public static Map<String, AttributeValue> key(String pk) {
        return Map.of(PK, AttributeValue.fromS(pk));
    }

    /** The key of an address's send cap. */
    public static Map<String, AttributeValue> sendCapKey(String addressId) {
        return key(CAP_PREFIX + addressId);
    }
}

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
 *   <li>{@code pk = "CAP#<mailbox id>"}: an inbox's send cap ({@code last} send, {@code
 *       windowStart} of its day window, {@code count} within it and the {@code lastRequest} that
 *       took it); see {@link DynamoDbSendCap}.
 *   <li>{@code pk = "BUDGET#confirmations#<hour start>"}: confirmation emails sent in one hour
 *       (every address together), through {@link #RATE_LAYOUT} and {@link #BUDGET_PREFIX}.
 * </ul>
 */
public final class LimitItems {

    public static final String PK = "pk";
    public static final String COUNT = "count";
    public static final String LAST = "last";
    public static final String WINDOW_START = "windowStart";
    public static final String LAST_REQUEST = "lastRequest";
    public static final String EXPIRES_AT = "expiresAt";

    /** The prefix of the per-client signup windows. */
    public static final String RATE_PREFIX = "RATE#";

    /** The prefix of the global hourly confirmation budget. */
    public static final String BUDGET_PREFIX = "BUDGET#";

    static final String CAP_PREFIX = "CAP#";

    /** Where {@link DynamoDbRateLimiter} keeps its windows in this table. */
    public static final DynamoDbRateLimiter.Layout RATE_LAYOUT =
            new DynamoDbRateLimiter.Layout(LimitItems::key, COUNT, EXPIRES_AT);

    private LimitItems() {}

    /** The key of the item named {@code pk}. */
    public static Map<String, AttributeValue> key(String pk) {
        return Map.of(PK, AttributeValue.fromS(pk));
    }

    /** The key of an inbox's send cap. */
    public static Map<String, AttributeValue> sendCapKey(String mailboxId) {
        return key(CAP_PREFIX + mailboxId);
    }
}

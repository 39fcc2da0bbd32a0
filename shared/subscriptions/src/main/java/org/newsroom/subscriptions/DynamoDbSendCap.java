package org.newsroom.subscriptions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The {@link SendCap} as one item per mailbox in the limits table (layout in {@link LimitItems}).
 * Each decision is a conditional write, so concurrent sends to one inbox cannot exceed the rules;
 * the item remembers the request that last took it, so a retried send is not counted twice, and
 * expires a day (plus the interval) after the last send. Storage failures become {@link
 * SubscriptionStoreException}, keeping the cause.
 */
public final class DynamoDbSendCap implements SendCap {

    private static final Duration CAP_WINDOW = Duration.ofHours(24);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbSendCap(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean tryAcquire(String mailboxId, String requestId, Rules rules, Instant now) {
        if (rules.perDay() <= 0) {
            return false;
        }
        long nowSeconds = now.getEpochSecond();
        Map<String, AttributeValue> key = LimitItems.sendCapKey(mailboxId);
        Map<String, String> names =
                Map.of(
                        "#pk",
                        LimitItems.PK,
                        "#last",
                        LimitItems.LAST,
                        "#start",
                        LimitItems.WINDOW_START,
                        "#count",
                        LimitItems.COUNT,
                        "#expires",
                        LimitItems.EXPIRES_AT,
                        "#request",
                        LimitItems.LAST_REQUEST);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", AttributeValue.fromN(Long.toString(nowSeconds)));
        values.put(":request", AttributeValue.fromS(requestId));
        values.put(
                ":intervalStart",
                AttributeValue.fromN(Long.toString(nowSeconds - rules.minInterval().toSeconds())));
        values.put(
                ":windowStart",
                AttributeValue.fromN(Long.toString(nowSeconds - CAP_WINDOW.toSeconds())));
        values.put(
                ":expires",
                AttributeValue.fromN(
                        Long.toString(
                                nowSeconds
                                        + CAP_WINDOW.toSeconds()
                                        + rules.minInterval().toSeconds())));
        try {
            // No window, or one that ended (and the interval passed): start a new one. Tried first,
            // as a new mailbox (most signups) has no item, which fails the open-window write. A
            // retry of the request that took the cap last is not this case, even after the day
            // ended: it is left to the open-window write below, whose failure recognises it, so
            // it counts nothing more, as a retry never does.
            Map<String, AttributeValue> fresh = new HashMap<>(values);
            fresh.put(":one", AttributeValue.fromN("1"));
            dynamo.updateItem(
                    b ->
                            b.tableName(table)
                                    .key(key)
                                    .conditionExpression(
                                            "attribute_not_exists(#pk) OR (#last <= :intervalStart AND #start <= :windowStart "
                                                    + "AND (attribute_not_exists(#request) OR #request <> :request))")
                                    .updateExpression(
                                            "SET #last = :now, #start = :now, #count = :one, #expires = :expires, #request = :request")
                                    .expressionAttributeNames(names)
                                    .expressionAttributeValues(fresh));
            return true;
        } catch (ConditionalCheckFailedException e) {
            // A window is open (or the last request retries): try counting in it below.
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not check the send cap", e);
        }
        try {
            // Within the current day window: one more, if the interval passed and the count allows.
            Map<String, AttributeValue> inWindow = new HashMap<>(values);
            inWindow.put(":max", AttributeValue.fromN(Integer.toString(rules.perDay())));
            inWindow.put(":one", AttributeValue.fromN("1"));
            dynamo.updateItem(
                    b ->
                            b.tableName(table)
                                    .key(key)
                                    .conditionExpression(
                                            "attribute_exists(#pk) AND #last <= :intervalStart AND #start > :windowStart AND #count < :max")
                                    .updateExpression(
                                            "SET #last = :now, #expires = :expires, #request = :request ADD #count :one")
                                    .expressionAttributeNames(names)
                                    .expressionAttributeValues(inWindow)
                                    .returnValuesOnConditionCheckFailure(
                                            ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return takenBy(e, requestId);
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not check the send cap", e);
        }
    }

    /** Whether the cap a condition failed on was last taken by {@code requestId} (a retry). */
    private static boolean takenBy(ConditionalCheckFailedException e, String requestId) {
        if (!e.hasItem()) {
            return false;
        }
        AttributeValue last = e.item().get(LimitItems.LAST_REQUEST);
        return last != null && requestId.equals(last.s());
    }

    @Override
    public void forget(String mailboxId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(LimitItems.sendCapKey(mailboxId)));
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not erase a send cap", e);
        }
    }
}

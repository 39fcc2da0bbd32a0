package org.newsroom.memberships;

import static org.newsroom.memberships.MembershipItems.ATTEMPTS;
import static org.newsroom.memberships.MembershipItems.CLAIMED_AT;
import static org.newsroom.memberships.MembershipItems.DUE_AT;
import static org.newsroom.memberships.MembershipItems.DUE_KEY;
import static org.newsroom.memberships.MembershipItems.FAILURE;
import static org.newsroom.memberships.MembershipItems.PK;
import static org.newsroom.memberships.MembershipItems.VERSION;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link GiftJobQueue} on the {@link MembershipTable}. Due jobs, dead letters and recipient mails
 * waiting for an address are three lists of the sparse DueMail index ({@code dueKey}), each sorted
 * by {@code dueAt}. A claim is a conditional update that moves {@code dueAt} to the end of the
 * lease: the condition on the {@code dueAt} that was read lets exactly one of several overlapping
 * runs take it, and the job stays in the index, so it comes back if the run dies.
 */
public final class DynamoDbGiftJobQueue implements GiftJobQueue {

    private final MembershipTable table;

    public DynamoDbGiftJobQueue(MembershipTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public List<GiftJob> due(Instant now, int limit) {
        return list(MembershipItems.DUE_KEY_VALUE, now, limit, "Could not query due gift jobs");
    }

    @Override
    public List<GiftJob> deadLettered(int limit) {
        return list(
                MembershipItems.DEAD_KEY_VALUE,
                null,
                limit,
                "Could not query dead-lettered gift jobs");
    }

    @Override
    public List<GiftJob> awaitingAddress(int limit) {
        return list(
                MembershipItems.ADDRESS_NEEDED_KEY_VALUE,
                null,
                limit,
                "Could not query gift mails waiting for an address");
    }

    /** One list of the DueMail index, oldest first, up to {@code until} when given. */
    private List<GiftJob> list(String dueKey, Instant until, int limit, String failure) {
        Map<String, String> names = new HashMap<>(Map.of("#k", DUE_KEY));
        Map<String, AttributeValue> values =
                new HashMap<>(Map.of(":k", AttributeValue.fromS(dueKey)));
        String condition = "#k = :k";
        if (until != null) {
            names.put("#at", DUE_AT);
            values.put(":now", AttributeValue.fromS(MembershipItems.sortable(until)));
            condition += " AND #at <= :now";
        }
        String keyCondition = condition;
        try {
            return table
                    .dynamo()
                    .query(
                            q ->
                                    q.tableName(table.name())
                                            .indexName(MembershipItems.DUE_INDEX)
                                            .keyConditionExpression(keyCondition)
                                            .expressionAttributeNames(names)
                                            .expressionAttributeValues(values)
                                            .scanIndexForward(true)
                                            .limit(limit))
                    .items()
                    .stream()
                    .map(MembershipItems::toGiftJob)
                    .toList();
        } catch (SdkException e) {
            throw new MembershipStoreException(failure, e);
        }
    }

    @Override
    public boolean claim(GiftJob job, Instant now, Instant leaseUntil) {
        return claiming(job, now, leaseUntil).commit() == WriteResult.APPLIED;
    }

    @Override
    public boolean claimIssuingCode(
            GiftJob job, Gift gift, String newCodeHash, Instant now, Instant leaseUntil) {
        Gift issued = gift.withCode(newCodeHash, now);
        MembershipTable.Transaction transaction =
                claiming(job, now, leaseUntil)
                        .put(
                                Put.builder()
                                        .item(MembershipItems.toItem(issued, gift.version() + 1))
                                        .conditionExpression(
                                                "#v = :v AND (#state = :paid OR #state = :issued)")
                                        .expressionAttributeNames(
                                                Map.of(
                                                        "#v",
                                                        VERSION,
                                                        "#state",
                                                        MembershipItems.STATE))
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":v",
                                                        AttributeValue.fromN(
                                                                Long.toString(gift.version())),
                                                        ":paid",
                                                        AttributeValue.fromS(
                                                                Gift.State.PAID.name()),
                                                        ":issued",
                                                        AttributeValue.fromS(
                                                                Gift.State.ISSUED.name()))));
        Map<String, AttributeValue> code = new HashMap<>(MembershipItems.codeKey(newCodeHash));
        code.put(MembershipItems.GIFT_ID, AttributeValue.fromS(gift.id()));
        transaction.put(
                Put.builder()
                        .item(code)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PK)));
        gift.codeHash().ifPresent(old -> transaction.delete(MembershipItems.codeKey(old)));
        return transaction.commit() == WriteResult.APPLIED;
    }

    /**
     * Leases the job, on condition that it is still due at the time this run read: a run that
     * claimed it first has moved {@code dueAt}, so the others' conditions fail.
     */
    private MembershipTable.Transaction claiming(GiftJob job, Instant now, Instant leaseUntil) {
        return table.transaction()
                .update(
                        Update.builder()
                                .key(MembershipItems.jobKey(job.giftId(), job.kind()))
                                .updateExpression(
                                        "SET #at = :lease, #claimed = :now ADD #attempts :one")
                                .conditionExpression("#k = :due AND #at = :seen")
                                .expressionAttributeNames(
                                        Map.of(
                                                "#k", DUE_KEY,
                                                "#at", DUE_AT,
                                                "#claimed", CLAIMED_AT,
                                                "#attempts", ATTEMPTS))
                                .expressionAttributeValues(
                                        Map.of(
                                                ":due",
                                                AttributeValue.fromS(MembershipItems.DUE_KEY_VALUE),
                                                ":seen",
                                                AttributeValue.fromS(
                                                        MembershipItems.sortable(job.dueAt())),
                                                ":lease",
                                                AttributeValue.fromS(
                                                        MembershipItems.sortable(leaseUntil)),
                                                ":now",
                                                AttributeValue.fromS(now.toString()),
                                                ":one",
                                                AttributeValue.fromN("1"))));
    }

    @Override
    public void release(GiftJob job, Instant retryAt) {
        updateIfPresent(
                job.giftId(),
                job.kind(),
                "SET #k = :k, #at = :at",
                Map.of("#k", DUE_KEY, "#at", DUE_AT),
                Map.of(
                        ":k", AttributeValue.fromS(MembershipItems.DUE_KEY_VALUE),
                        ":at", AttributeValue.fromS(MembershipItems.sortable(retryAt))),
                "Could not release a gift job");
    }

    @Override
    public boolean deadLetter(GiftJob job, Instant dueAt, Instant now, String reason) {
        try {
            table.dynamo()
                    .updateItem(
                            UpdateItemRequest.builder()
                                    .tableName(table.name())
                                    .key(MembershipItems.jobKey(job.giftId(), job.kind()))
                                    .updateExpression(
                                            "SET #k = :dead, #at = :now, #failure = :failure")
                                    .conditionExpression("#k = :due AND #at = :seen")
                                    .expressionAttributeNames(
                                            Map.of(
                                                    "#k",
                                                    DUE_KEY,
                                                    "#at",
                                                    DUE_AT,
                                                    "#failure",
                                                    FAILURE))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":dead",
                                                    AttributeValue.fromS(
                                                            MembershipItems.DEAD_KEY_VALUE),
                                                    ":due",
                                                    AttributeValue.fromS(
                                                            MembershipItems.DUE_KEY_VALUE),
                                                    ":seen",
                                                    AttributeValue.fromS(
                                                            MembershipItems.sortable(dueAt)),
                                                    ":now",
                                                    AttributeValue.fromS(
                                                            MembershipItems.sortable(now)),
                                                    ":failure",
                                                    AttributeValue.fromS(reason)))
                                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            // Another run took or moved the job first, or it was deleted (a refund).
            return false;
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not dead-letter a gift job", e);
        }
    }

    @Override
    public boolean retry(String giftId, GiftJob.Kind kind, Instant now) {
        try {
            table.dynamo()
                    .updateItem(
                            UpdateItemRequest.builder()
                                    .tableName(table.name())
                                    .key(MembershipItems.jobKey(giftId, kind))
                                    .updateExpression(
                                            "SET #k = :due, #at = :at, #attempts = :zero REMOVE"
                                                    + " #failure")
                                    .conditionExpression("#k = :dead")
                                    .expressionAttributeNames(
                                            Map.of(
                                                    "#k", DUE_KEY,
                                                    "#at", DUE_AT,
                                                    "#attempts", ATTEMPTS,
                                                    "#failure", FAILURE))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":due",
                                                    AttributeValue.fromS(
                                                            MembershipItems.DUE_KEY_VALUE),
                                                    ":dead",
                                                    AttributeValue.fromS(
                                                            MembershipItems.DEAD_KEY_VALUE),
                                                    ":at",
                                                    AttributeValue.fromS(
                                                            MembershipItems.sortable(now)),
                                                    ":zero",
                                                    AttributeValue.fromN("0")))
                                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not retry a gift job", e);
        }
    }

    /** An update of a job that may have been deleted meanwhile (a refund): then nothing to do. */
    private void updateIfPresent(
            String giftId,
            GiftJob.Kind kind,
            String expression,
            Map<String, String> names,
            Map<String, AttributeValue> values,
            String failure) {
        Map<String, String> allNames = new HashMap<>(names);
        allNames.put("#pk", PK);
        try {
            table.dynamo()
                    .updateItem(
                            UpdateItemRequest.builder()
                                    .tableName(table.name())
                                    .key(MembershipItems.jobKey(giftId, kind))
                                    .updateExpression(expression)
                                    .conditionExpression("attribute_exists(#pk)")
                                    .expressionAttributeNames(allNames)
                                    .expressionAttributeValues(values)
                                    .build());
        } catch (ConditionalCheckFailedException e) {
            // The job was deleted meanwhile (the gift was refunded): nothing to keep.
        } catch (SdkException e) {
            throw new MembershipStoreException(failure, e);
        }
    }

    @Override
    public void delete(GiftJob job) {
        try {
            table.dynamo()
                    .deleteItem(
                            d ->
                                    d.tableName(table.name())
                                            .key(MembershipItems.jobKey(job.giftId(), job.kind())));
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not delete a gift job", e);
        }
    }
}

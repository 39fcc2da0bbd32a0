package org.newsroom.memberships;

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
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link GiftJobQueue} on the {@link MembershipTable}: due jobs come from the sparse DueMail index;
 * a claim removes the job from it with a conditional update.
 */
public final class DynamoDbGiftJobQueue implements GiftJobQueue {

    private final MembershipTable table;

    public DynamoDbGiftJobQueue(MembershipTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public List<GiftJob> due(Instant now, int limit) {
        try {
            QueryResponse response =
                    table.dynamo()
                            .query(
                                    q ->
                                            q.tableName(table.name())
                                                    .indexName(MembershipItems.DUE_INDEX)
                                                    .keyConditionExpression(
                                                            "#k = :k AND #at <= :now")
                                                    .expressionAttributeNames(
                                                            Map.of(
                                                                    "#k",
                                                                    MembershipItems.DUE_KEY,
                                                                    "#at",
                                                                    MembershipItems.DUE_AT))
                                                    .expressionAttributeValues(
                                                            Map.of(
                                                                    ":k",
                                                                            AttributeValue.fromS(
                                                                                    MembershipItems
                                                                                            .DUE_KEY_VALUE),
                                                                    ":now",
                                                                            AttributeValue.fromS(
                                                                                    MembershipItems
                                                                                            .sortable(
                                                                                                    now))))
                                                    .scanIndexForward(true)
                                                    .limit(limit));
            return response.items().stream().map(MembershipItems::toGiftJob).toList();
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not query due gift jobs", e);
        }
    }

    @Override
    public boolean claim(GiftJob job, Instant now) {
        return claiming(job, now).commit() == WriteResult.APPLIED;
    }

    @Override
    public boolean claimIssuingCode(GiftJob job, Gift gift, String newCodeHash, Instant now) {
        Gift issued = gift.withCode(newCodeHash, now);
        MembershipTable.Transaction transaction =
                claiming(job, now)
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
                                                                        Long.toString(
                                                                                gift.version())),
                                                        ":paid",
                                                                AttributeValue.fromS(
                                                                        Gift.State.PAID.name()),
                                                        ":issued",
                                                                AttributeValue.fromS(
                                                                        Gift.State.ISSUED
                                                                                .name()))));
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

    /** Takes the job out of the due index, on condition that it is still in it. */
    private MembershipTable.Transaction claiming(GiftJob job, Instant now) {
        return table.transaction()
                .update(
                        Update.builder()
                                .key(MembershipItems.jobKey(job.giftId(), job.kind()))
                                .updateExpression("REMOVE #k, #at SET #claimed = :now")
                                .conditionExpression("attribute_exists(#k)")
                                .expressionAttributeNames(
                                        Map.of(
                                                "#k",
                                                MembershipItems.DUE_KEY,
                                                "#at",
                                                MembershipItems.DUE_AT,
                                                "#claimed",
                                                MembershipItems.CLAIMED_AT))
                                .expressionAttributeValues(
                                        Map.of(":now", AttributeValue.fromS(now.toString()))));
    }

    @Override
    public void release(GiftJob job, Instant retryAt) {
        try {
            table.dynamo()
                    .updateItem(
                            u ->
                                    u.tableName(table.name())
                                            .key(MembershipItems.jobKey(job.giftId(), job.kind()))
                                            .updateExpression(
                                                    "SET #k = :k, #at = :at ADD #attempts :one")
                                            .conditionExpression("attribute_exists(#pk)")
                                            .expressionAttributeNames(
                                                    Map.of(
                                                            "#k",
                                                            MembershipItems.DUE_KEY,
                                                            "#at",
                                                            MembershipItems.DUE_AT,
                                                            "#attempts",
                                                            MembershipItems.ATTEMPTS,
                                                            "#pk",
                                                            PK))
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":k",
                                                            AttributeValue.fromS(
                                                                    MembershipItems.DUE_KEY_VALUE),
                                                            ":at",
                                                            AttributeValue.fromS(
                                                                    MembershipItems.sortable(
                                                                            retryAt)),
                                                            ":one",
                                                            AttributeValue.fromN("1"))));
        } catch (ConditionalCheckFailedException e) {
            // The job was deleted meanwhile (the gift was refunded): nothing to put back.
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not release a gift job", e);
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

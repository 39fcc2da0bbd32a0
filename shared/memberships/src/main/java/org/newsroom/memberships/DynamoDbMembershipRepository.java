package org.newsroom.memberships;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;

import static org.newsroom.memberships.MembershipItems.PK;
import static org.newsroom.memberships.MembershipItems.VERSION;

/**
 * {@link MembershipRepository} on one DynamoDB table laid out as {@link MembershipItems} describes.
 *
 * <p>Counters have {@code shardCount} shards (separate partition keys, because one item takes
 * about 1,000 writes a second); each shard item holds every counter, a change goes to one
 * random shard, and a read sums the shards with one BatchGetItem. Lowering the shard count after counting started would hide the
 * higher shards: only raise it.
 */
public final class DynamoDbMembershipRepository implements MembershipRepository {

    /** Processed event ids are kept a year: far longer than Stripe retries (three days). */
    static final Duration EVENT_RETENTION = Duration.ofDays(400);
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int shardCount;
    private final IntUnaryOperator shardPicker;
    private final java.time.Clock clock;

    public DynamoDbMembershipRepository(DynamoDbClient dynamo, String table, int shardCount, java.time.Clock clock) {
        this(dynamo, table, shardCount, clock, bound -> ThreadLocalRandom.current().nextInt(bound));
    }

    /** For tests: {@code shardPicker} gets the shard count and returns the shard to use. */
    DynamoDbMembershipRepository(DynamoDbClient dynamo, String table, int shardCount, java.time.Clock clock,
                                 IntUnaryOperator shardPicker) {
        if (shardCount < 1 || shardCount > BATCH_GET_LIMIT) {
            throw new IllegalArgumentException("The shard count must be between 1 and " + BATCH_GET_LIMIT);
        }
        this.dynamo = dynamo;
        this.table = table;
        this.shardCount = shardCount;
        this.clock = clock;
        this.shardPicker = shardPicker;
    }

    @Override
    public Optional<Member> findMember(String id) {
        return get(MembershipItems.memberKey(id), "Could not read a membership").map(MembershipItems::toMember);
    }

    @Override
    public WriteResult writeMember(Optional<String> eventId, Member member, CounterDelta delta) {
        List<TransactWriteItem> writes = new ArrayList<>();
        eventId.ifPresent(id -> writes.add(eventMarker(id)));
        writes.add(TransactWriteItem.builder().put(versioned(MembershipItems.toItem(member, member.version() + 1),
                member.version())).build());
        writes.addAll(counterUpdates(delta));
        return transact(writes, eventId.isPresent());
    }

    @Override
    public WriteResult markEvent(String eventId) {
        return transact(List.of(eventMarker(eventId)), true);
    }

    @Override
    public Optional<Gift> findGift(String id) {
        return get(MembershipItems.giftKey(id), "Could not read a gift").map(MembershipItems::toGift);
    }

    @Override
    public WriteResult writeGift(Optional<String> eventId, Gift gift, List<MailJob> newJobs, boolean revoke) {
        List<TransactWriteItem> writes = new ArrayList<>();
        eventId.ifPresent(id -> writes.add(eventMarker(id)));
        writes.add(TransactWriteItem.builder().put(versioned(MembershipItems.toItem(gift, gift.version() + 1),
                gift.version())).build());
        for (MailJob job : newJobs) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(MembershipItems.toItem(job)).build()).build());
        }
        if (revoke) {
            for (MailJob.Kind kind : MailJob.Kind.values()) {
                writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(MembershipItems.mailJobKey(gift.id(), kind)).build()).build());
            }
        }
        return transact(writes, eventId.isPresent());
    }

    @Override
    public Optional<String> findGiftIdByCode(String codeHash) {
        return get(MembershipItems.codeKey(codeHash), "Could not read a gift code")
                .map(item -> item.get(MembershipItems.GIFT_ID).s());
    }

    @Override
    public WriteResult redeemGift(Gift gift, String codeHash, Instant now, Member member, CounterDelta delta,
                                  MailJob membershipEnd) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> giftItem = MembershipItems.toItem(gift, gift.version() + 1);
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(giftItem)
                .conditionExpression("#v = :v AND #state = :issued AND #code = :code AND #until > :now")
                .expressionAttributeNames(Map.of("#v", VERSION, "#state", MembershipItems.STATE,
                        "#code", MembershipItems.CODE_HASH, "#until", MembershipItems.VALID_UNTIL))
                .expressionAttributeValues(Map.of(
                        ":v", AttributeValue.fromN(Long.toString(gift.version())),
                        ":issued", AttributeValue.fromS(Gift.State.ISSUED.name()),
                        ":code", AttributeValue.fromS(codeHash),
                        ":now", AttributeValue.fromS(MembershipItems.sortable(now))))
                .build()).build());
        writes.add(TransactWriteItem.builder().put(versioned(MembershipItems.toItem(member, member.version() + 1),
                member.version())).build());
        writes.addAll(counterUpdates(delta));
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(MembershipItems.toItem(membershipEnd)).build()).build());
        return transact(writes, false);
    }

    @Override
    public List<MailJob> dueMailJobs(Instant now, int limit) {
        try {
            QueryResponse response = dynamo.query(q -> q.tableName(table).indexName(MembershipItems.DUE_INDEX)
                    .keyConditionExpression("#k = :k AND #at <= :now")
                    .expressionAttributeNames(Map.of("#k", MembershipItems.DUE_KEY, "#at", MembershipItems.DUE_AT))
                    .expressionAttributeValues(Map.of(
                            ":k", AttributeValue.fromS(MembershipItems.DUE_KEY_VALUE),
                            ":now", AttributeValue.fromS(MembershipItems.sortable(now))))
                    .scanIndexForward(true)
                    .limit(limit));
            return response.items().stream().map(MembershipItems::toMailJob).toList();
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not query due gift mails", e);
        }
    }

    @Override
    public boolean claimMailJob(MailJob job, Optional<Gift> issueCodeFor, Optional<String> newCodeHash, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(MembershipItems.mailJobKey(job.giftId(), job.kind()))
                .updateExpression("REMOVE #k, #at SET #claimed = :now")
                .conditionExpression("attribute_exists(#k)")
                .expressionAttributeNames(Map.of("#k", MembershipItems.DUE_KEY, "#at", MembershipItems.DUE_AT,
                        "#claimed", "claimedAt"))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(now.toString())))
                .build()).build());
        if (issueCodeFor.isPresent()) {
            Gift current = issueCodeFor.get();
            String hash = newCodeHash.orElseThrow(() -> new IllegalArgumentException("A new code hash is needed"));
            Gift issued = current.withCode(hash, now);
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(MembershipItems.toItem(issued, current.version() + 1))
                    .conditionExpression("#v = :v AND (#state = :paid OR #state = :issued)")
                    .expressionAttributeNames(Map.of("#v", VERSION, "#state", MembershipItems.STATE))
                    .expressionAttributeValues(Map.of(
                            ":v", AttributeValue.fromN(Long.toString(current.version())),
                            ":paid", AttributeValue.fromS(Gift.State.PAID.name()),
                            ":issued", AttributeValue.fromS(Gift.State.ISSUED.name())))
                    .build()).build());
            Map<String, AttributeValue> code = new HashMap<>(MembershipItems.codeKey(hash));
            code.put(MembershipItems.GIFT_ID, AttributeValue.fromS(current.id()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(code)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)).build()).build());
            current.codeHash().ifPresent(old -> writes.add(TransactWriteItem.builder().delete(Delete.builder()
                    .tableName(table).key(MembershipItems.codeKey(old)).build()).build()));
        }
        return transact(writes, false) == WriteResult.APPLIED;
    }

    @Override
    public void releaseMailJob(MailJob job, Instant retryAt) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(MembershipItems.mailJobKey(job.giftId(), job.kind()))
                    .updateExpression("SET #k = :k, #at = :at ADD #attempts :one")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#k", MembershipItems.DUE_KEY, "#at", MembershipItems.DUE_AT,
                            "#attempts", MembershipItems.ATTEMPTS, "#pk", PK))
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(MembershipItems.DUE_KEY_VALUE),
                            ":at", AttributeValue.fromS(MembershipItems.sortable(retryAt)),
                            ":one", AttributeValue.fromN("1"))));
        } catch (ConditionalCheckFailedException e) {
            // The job was deleted meanwhile (the gift was refunded): nothing to put back.
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not release a gift mail", e);
        }
    }

    @Override
    public void deleteMailJob(MailJob job) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(MembershipItems.mailJobKey(job.giftId(), job.kind())));
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not delete a gift mail", e);
        }
    }

    @Override
    public Map<String, Long> readCounters(Collection<String> names) {
        Map<String, Long> totals = new LinkedHashMap<>();
        names.forEach(name -> totals.put(name, 0L));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int shard = 0; shard < shardCount; shard++) {
            keys.add(MembershipItems.counterKey(shard));
        }
        Map<String, KeysAndAttributes> request = new HashMap<>();
        request.put(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        try {
            int attempts = 0;
            while (!request.isEmpty()) {
                if (attempts++ == 8) {
                    throw new MembershipStoreException("Counters stayed unprocessed", null);
                }
                Map<String, KeysAndAttributes> pending = Map.copyOf(request);
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(pending));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    for (String name : names) {
                        AttributeValue count = item.get(name);
                        if (count != null && count.n() != null) {
                            totals.merge(name, Long.parseLong(count.n()), Long::sum);
                        }
                    }
                }
                request.clear();
                if (response.hasUnprocessedKeys() && !response.unprocessedKeys().isEmpty()) {
                    request.putAll(response.unprocessedKeys());
                    sleepQuietly(20L * attempts);
                }
            }
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not read counters", e);
        }
        return totals;
    }

    @Override
    public long countAttempt(String key, Instant windowEnd) {
        try {
            var response = dynamo.updateItem(u -> u.tableName(table).key(MembershipItems.rateKey(key))
                    .updateExpression("ADD #hits :one SET #purge = if_not_exists(#purge, :purge)")
                    .expressionAttributeNames(Map.of("#hits", MembershipItems.HITS, "#purge", MembershipItems.PURGE_AT))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                            ":purge", AttributeValue.fromN(Long.toString(windowEnd.plusSeconds(3600).getEpochSecond()))))
                    .returnValues(ReturnValue.UPDATED_NEW));
            return Long.parseLong(response.attributes().get(MembershipItems.HITS).n());
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not count an attempt", e);
        }
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key, String failure) {
        try {
            GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true));
            return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
        } catch (SdkException e) {
            throw new MembershipStoreException(failure, e);
        }
    }

    private TransactWriteItem eventMarker(String eventId) {
        Map<String, AttributeValue> item = new HashMap<>(MembershipItems.eventKey(eventId));
        Instant now = clock.instant();
        item.put(MembershipItems.UPDATED_AT, AttributeValue.fromS(now.toString()));
        item.put(MembershipItems.PURGE_AT, AttributeValue.fromN(Long.toString(now.plus(EVENT_RETENTION).getEpochSecond())));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PK)).build()).build();
    }

    /** A put that succeeds only when the stored item is still at {@code expectedVersion} (0: absent). */
    private Put versioned(Map<String, AttributeValue> item, long expectedVersion) {
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (expectedVersion == 0) {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK));
        } else {
            put.conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion))));
        }
        return put.build();
    }

    /** All of a change's counters in one update of one random shard: one write per transaction, not one per counter. */
    private List<TransactWriteItem> counterUpdates(CounterDelta delta) {
        if (delta.changes().isEmpty()) {
            return List.of();
        }
        List<String> additions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, Long> change : delta.changes().entrySet()) {
            names.put("#c" + i, change.getKey());
            values.put(":d" + i, AttributeValue.fromN(Long.toString(change.getValue())));
            additions.add("#c" + i + " :d" + i);
            i++;
        }
        return List.of(TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(MembershipItems.counterKey(shardPicker.applyAsInt(shardCount)))
                .updateExpression("ADD " + String.join(", ", additions))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build());
    }

    /**
     * Runs a transaction. When {@code firstIsMarker} and the marker's condition failed, the event
     * was already processed; any other condition failure or conflict means "read again".
     */
    private WriteResult transact(List<TransactWriteItem> writes, boolean firstIsMarker) {
        try {
            if (writes.size() == 1 && writes.get(0).put() != null) {
                dynamo.putItem(toPutRequest(writes.get(0).put()));
            } else {
                dynamo.transactWriteItems(t -> t.transactItems(writes));
            }
            return WriteResult.APPLIED;
        } catch (ConditionalCheckFailedException e) {
            return firstIsMarker ? WriteResult.DUPLICATE_EVENT : WriteResult.CONFLICT;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (firstIsMarker && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return WriteResult.DUPLICATE_EVENT;
            }
            boolean retryable = reasons.stream().map(CancellationReason::code)
                    .anyMatch(code -> "ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code));
            if (retryable || reasons.isEmpty()) {
                return WriteResult.CONFLICT;
            }
            throw new MembershipStoreException("A membership transaction was cancelled", e);
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not write to the memberships table", e);
        }
    }

    private static software.amazon.awssdk.services.dynamodb.model.PutItemRequest toPutRequest(Put put) {
        return software.amazon.awssdk.services.dynamodb.model.PutItemRequest.builder()
                .tableName(put.tableName()).item(put.item())
                .conditionExpression(put.conditionExpression())
                .expressionAttributeNames(put.hasExpressionAttributeNames() ? put.expressionAttributeNames() : null)
                .expressionAttributeValues(put.hasExpressionAttributeValues() ? put.expressionAttributeValues() : null)
                .build();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

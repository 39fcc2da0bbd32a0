package org.newsroom.memberships;

import static org.newsroom.memberships.MembershipItems.PK;
import static org.newsroom.memberships.MembershipItems.SK;
import static org.newsroom.memberships.MembershipItems.VERSION;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import org.newsroom.core.time.Timestamps;
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
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The one DynamoDB table behind the memberships repositories ({@link DynamoDbMemberRepository},
 * {@link DynamoDbGiftRepository}, {@link DynamoDbGiftJobQueue}, {@link DynamoDbSupporterCounters},
 * {@link DynamoDbProcessedEvents}), laid out as {@link MembershipItems} describes. The repositories
 * build their writes with one transaction builder, so a change that spans kinds (a member, its
 * event marker and the counters) stays one transaction.
 *
 * <p>Counters have {@code counterShards} shards (separate partition keys, because one item takes
 * about 1,000 writes a second); each shard item holds every counter, a change goes to one random
 * shard, and a read sums the shards with one BatchGetItem (which also fetches the campaign item).
 * Lowering the shard count after counting started would hide the higher shards: only raise it.
 */
public final class MembershipTable {

    /** Processed event ids are kept a year: far longer than Stripe retries (three days). */
    static final Duration EVENT_RETENTION = Duration.ofDays(400);

    /** One BatchGetItem (100 keys at most) reads every shard and the campaign item. */
    static final int MAX_SHARDS = 99;

    /** Picks told apart when the clock reads the same twice (see {@link #randomShard}). */
    private static final AtomicLong PICKS = new AtomicLong();

    private final DynamoDbClient dynamo;
    private final String name;
    private final int shardCount;
    private final Clock clock;
    private final IntUnaryOperator shardPicker;

    /** The table {@code settings} name, with counter changes spread over random shards. */
    public static MembershipTable create(
            DynamoDbClient dynamo, MembershipTableSettings settings, Clock clock) {
        return new MembershipTable(
                dynamo,
                settings.table(),
                settings.counterShards(),
                clock,
                MembershipTable::randomShard);
    }

    /** For tests: {@code shardPicker} gets the shard count and returns the shard to use. */
    MembershipTable(
            DynamoDbClient dynamo,
            String name,
            int shardCount,
            Clock clock,
            IntUnaryOperator shardPicker) {
        if (shardCount < 1 || shardCount > MAX_SHARDS) {
            throw new IllegalArgumentException(
                    "The shard count must be between 1 and " + MAX_SHARDS);
        }
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.name = Objects.requireNonNull(name, "name");
        this.shardCount = shardCount;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shardPicker = Objects.requireNonNull(shardPicker, "shardPicker");
    }

    /**
     * A shard in {@code [0, bound)}, spread evenly. Not ThreadLocalRandom or any other seeded
     * generator: its state would be the same in every copy SnapStart restores from one snapshot, so
     * all of them would pick the same shards. Nor SecureRandom, which took a lock and a SHA-1 block
     * per pick, a visible share of a warm request: a shard needs spread, not secrecy. The monotonic
     * clock differs between restored copies and between picks, a sequence number tells apart two
     * picks in one clock tick, and SplittableRandom's 64-bit mix spreads both over every shard.
     */
    static int randomShard(int bound) {
        long z = System.nanoTime() + PICKS.incrementAndGet() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) ((z >>> 1) % bound);
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    String name() {
        return name;
    }

    int shardCount() {
        return shardCount;
    }

    /** One item, read strongly consistently; empty when absent. */
    Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key, String failure) {
        try {
            GetItemResponse response =
                    dynamo.getItem(b -> b.tableName(name).key(key).consistentRead(true));
            return response.hasItem() && !response.item().isEmpty()
                    ? Optional.of(response.item())
                    : Optional.empty();
        } catch (SdkException e) {
            throw new MembershipStoreException(failure, e);
        }
    }

    /** Rounds of unprocessed keys {@link #getAll} asks again before it gives up. */
    static final int MAX_BATCH_ROUNDS = 8;

    /**
     * Several items read together, strongly consistently, in one BatchGetItem (keys the service
     * leaves unprocessed are asked again): the item of each key, in the order of {@code keys},
     * empty where absent. One round trip instead of one per key.
     *
     * <p>Keys and items are matched by their key strings: a read asks for a handful of keys, and
     * comparing two strings costs less than hashing whole attribute maps.
     */
    List<Optional<Map<String, AttributeValue>>> getAll(
            List<Map<String, AttributeValue>> keys, String failure) {
        List<Map<String, AttributeValue>> found = new ArrayList<>(keys.size());
        // BatchGetItem refuses a key asked twice.
        List<Map<String, AttributeValue>> pending = new ArrayList<>(keys.size());
        for (Map<String, AttributeValue> key : keys) {
            if (find(pending, key) == null) {
                pending.add(key);
            }
        }
        try {
            for (int round = 1; !pending.isEmpty(); round++) {
                if (round > MAX_BATCH_ROUNDS) {
                    throw new MembershipStoreException(failure + ": keys stayed unprocessed", null);
                }
                if (round > 1) {
                    pause(20L * round);
                }
                List<Map<String, AttributeValue>> asked = pending;
                BatchGetItemResponse response =
                        dynamo.batchGetItem(
                                b ->
                                        b.requestItems(
                                                // A singleton map, copied by one call where an
                                                // immutable map's copy iterates an entry set.
                                                Collections.singletonMap(
                                                        name,
                                                        KeysAndAttributes.builder()
                                                                .keys(asked)
                                                                .consistentRead(true)
                                                                .build())));
                found.addAll(response.responses().getOrDefault(name, List.of()));
                KeysAndAttributes unprocessed =
                        response.hasUnprocessedKeys() ? response.unprocessedKeys().get(name) : null;
                pending =
                        unprocessed != null && unprocessed.hasKeys()
                                ? unprocessed.keys()
                                : List.of();
            }
        } catch (SdkException e) {
            throw new MembershipStoreException(failure, e);
        }
        List<Optional<Map<String, AttributeValue>>> items = new ArrayList<>(keys.size());
        for (Map<String, AttributeValue> key : keys) {
            items.add(Optional.ofNullable(find(found, key)));
        }
        return items;
    }

    /** The first of {@code items} with the partition and sort key of {@code key}; null if none. */
    private static Map<String, AttributeValue> find(
            List<Map<String, AttributeValue>> items, Map<String, AttributeValue> key) {
        String pk = key.get(PK).s();
        String sk = key.get(SK).s();
        for (Map<String, AttributeValue> item : items) {
            AttributeValue itemPk = item.get(PK);
            AttributeValue itemSk = item.get(SK);
            if (itemPk != null
                    && itemSk != null
                    && pk.equals(itemPk.s())
                    && sk.equals(itemSk.s())) {
                return item;
            }
        }
        return null;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MembershipStoreException("Interrupted while reading", e);
        }
    }

    Transaction transaction() {
        return new Transaction();
    }

    /**
     * The counter writes of the change counted last. Most changes count the same thing (a new
     * supporter, and the running campaign's new member: {@link Counting} hands out one delta for
     * it), so the update of each shard is built once and reused, as it is immutable. A change that
     * is not equal to the last one (the campaign changed, a membership ended) replaces it.
     */
    private volatile CounterWrites lastCounted;

    private CounterWrites counterWrites(CounterDelta delta) {
        CounterWrites last = lastCounted;
        if (last == null || (last.delta != delta && !last.delta.equals(delta))) {
            last = new CounterWrites(delta);
            lastCounted = last;
        }
        return last;
    }

    /** One counter change as an update of each shard, made on the shard's first use. */
    private final class CounterWrites {

        private final CounterDelta delta;
        private final String expression;
        private final Map<String, String> names;
        private final Map<String, AttributeValue> values;
        private final TransactWriteItem[] byShard = new TransactWriteItem[shardCount];

        CounterWrites(CounterDelta delta) {
            this.delta = delta;
            int counters = delta.changes().size();
            Map<String, String> counterNames = new HashMap<>(counters * 2);
            Map<String, AttributeValue> deltas = new HashMap<>(counters * 2);
            int n = 0;
            for (Map.Entry<String, Long> change : delta.changes().entrySet()) {
                counterNames.put(
                        n < COUNTER_NAMES.length ? COUNTER_NAMES[n] : "#c" + n, change.getKey());
                deltas.put(
                        n < DELTA_NAMES.length ? DELTA_NAMES[n] : ":d" + n,
                        number(change.getValue()));
                n++;
            }
            this.expression = addExpression(counters);
            this.names = Collections.unmodifiableMap(counterNames);
            this.values = Collections.unmodifiableMap(deltas);
        }

        TransactWriteItem write(int shard) {
            if (shard < 0 || shard >= byShard.length) {
                return build(shard);
            }
            // Racing threads may each build one: equal immutable writes, so either one will do.
            TransactWriteItem write = byShard[shard];
            if (write == null) {
                write = build(shard);
                byShard[shard] = write;
            }
            return write;
        }

        private TransactWriteItem build(int shard) {
            return TransactWriteItem.builder()
                    .update(
                            Update.builder()
                                    .tableName(name)
                                    .key(MembershipItems.counterKey(shard))
                                    .updateExpression(expression)
                                    .expressionAttributeNames(names)
                                    .expressionAttributeValues(values)
                                    .build())
                    .build();
        }
    }

    /**
     * The writes of one all-or-nothing change. An event marker, when there is one, goes first: its
     * failed condition means the event was processed before; any other failed condition or conflict
     * means "read again", unless the first write's refusal brought back what it found (see {@link
     * #commitSeeingRefusal}).
     */
    final class Transaction {

        private final List<TransactWriteItem> writes = new ArrayList<>();
        private boolean firstIsMarker;

        /** Records {@code eventId} as processed, on condition that it was not recorded before. */
        Transaction markEvent(String eventId) {
            if (!writes.isEmpty()) {
                throw new IllegalStateException("The event marker must be the first write");
            }
            Instant now = clock.instant();
            Map<String, AttributeValue> item =
                    MembershipItems.eventItem(
                            eventId,
                            Timestamps.format(now),
                            now.getEpochSecond() + EVENT_RETENTION.toSeconds());
            firstIsMarker = true;
            return put(
                    Put.builder()
                            .item(item)
                            .conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(PK_NAME));
        }

        /**
         * A put that succeeds only when the stored item is still at {@code expectedVersion} (0:
         * absent).
         */
        Transaction putVersioned(Map<String, AttributeValue> item, long expectedVersion) {
            Put.Builder put = Put.builder().item(item);
            if (expectedVersion == 0) {
                put.conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(PK_NAME);
            } else {
                put.conditionExpression("#v = :v")
                        .expressionAttributeNames(VERSION_NAME)
                        .expressionAttributeValues(
                                Collections.singletonMap(
                                        ":v",
                                        AttributeValue.fromN(Long.toString(expectedVersion))));
            }
            return put(put);
        }

        /** An unconditional put. */
        Transaction put(Map<String, AttributeValue> item) {
            return put(Put.builder().item(item));
        }

        /** A put with its own condition; the table name is filled in. */
        Transaction put(Put.Builder put) {
            writes.add(TransactWriteItem.builder().put(put.tableName(name).build()).build());
            return this;
        }

        Transaction update(Update.Builder update) {
            writes.add(TransactWriteItem.builder().update(update.tableName(name).build()).build());
            return this;
        }

        Transaction delete(Map<String, AttributeValue> key) {
            writes.add(
                    TransactWriteItem.builder()
                            .delete(Delete.builder().tableName(name).key(key).build())
                            .build());
            return this;
        }

        /**
         * All of a change's counters in one update of one random shard: one write, not one per
         * counter.
         */
        Transaction count(CounterDelta delta) {
            if (delta.changes().isEmpty()) {
                return this;
            }
            writes.add(counterWrites(delta).write(shardPicker.applyAsInt(shardCount)));
            return this;
        }

        /** Writes everything or nothing (a single put goes alone, with its condition). */
        WriteResult commit() {
            return commitSeeingRefusal().result();
        }

        /**
         * {@link #commit}, and, when the first write's own condition refused the transaction, the
         * item that write found: what a first write asking for {@code
         * ReturnValuesOnConditionCheckFailure=ALL_OLD} gets back (an empty map: no item). Not for a
         * lone put, which goes without a transaction: its refusal reports nothing found.
         */
        Committed commitSeeingRefusal() {
            try {
                if (writes.size() == 1 && writes.get(0).put() != null) {
                    dynamo.putItem(toPutRequest(writes.get(0).put()));
                } else {
                    dynamo.transactWriteItems(t -> t.transactItems(writes));
                }
                return Committed.APPLIED;
            } catch (ConditionalCheckFailedException e) {
                return new Committed(
                        firstIsMarker ? WriteResult.DUPLICATE_EVENT : WriteResult.CONFLICT,
                        Optional.empty());
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons =
                        e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                boolean firstRefused =
                        !reasons.isEmpty()
                                && "ConditionalCheckFailed".equals(reasons.get(0).code());
                if (firstIsMarker && firstRefused) {
                    return new Committed(WriteResult.DUPLICATE_EVENT, Optional.empty());
                }
                boolean retryable =
                        reasons.stream()
                                .map(CancellationReason::code)
                                .anyMatch(
                                        code ->
                                                "ConditionalCheckFailed".equals(code)
                                                        || "TransactionConflict".equals(code));
                if (retryable || reasons.isEmpty()) {
                    return new Committed(
                            WriteResult.CONFLICT,
                            firstRefused
                                    ? Optional.of(
                                            reasons.get(0).hasItem()
                                                    ? reasons.get(0).item()
                                                    : Map.of())
                                    : Optional.empty());
                }
                throw new MembershipStoreException("A membership transaction was cancelled", e);
            } catch (SdkException e) {
                throw new MembershipStoreException("Could not write to the memberships table", e);
            }
        }
    }

    /**
     * What a transaction did; {@code refusedFirst}, when present, is the item its first write found
     * when that write's own condition refused it (see {@link Transaction#commitSeeingRefusal}).
     */
    record Committed(WriteResult result, Optional<Map<String, AttributeValue>> refusedFirst) {
        static final Committed APPLIED = new Committed(WriteResult.APPLIED, Optional.empty());
    }

    /** The placeholders of the counters a change usually touches (supporters, a campaign). */
    private static final String[] COUNTER_NAMES = {"#c0", "#c1", "#c2"};

    private static final String[] DELTA_NAMES = {":d0", ":d1", ":d2"};

    /**
     * The names of the usual conditions, made once, as maps whose entries the request builders copy
     * in one loop: an immutable {@code Map.of} hands them over through an entry set, an iterator
     * and an entry object each (see {@link MembershipItems}).
     */
    private static final Map<String, String> PK_NAME = Collections.singletonMap("#pk", PK);

    private static final Map<String, String> VERSION_NAME = Collections.singletonMap("#v", VERSION);

    /** Placeholders and the attribute names they stand for, as an unmodifiable hash map. */
    static Map<String, String> names(String... placeholdersAndNames) {
        Map<String, String> names = new HashMap<>(placeholdersAndNames.length);
        for (int i = 0; i < placeholdersAndNames.length; i += 2) {
            names.put(placeholdersAndNames[i], placeholdersAndNames[i + 1]);
        }
        return Collections.unmodifiableMap(names);
    }

    private static final AttributeValue PLUS_ONE = AttributeValue.fromN("1");

    private static AttributeValue number(long change) {
        return change == 1 ? PLUS_ONE : AttributeValue.fromN(Long.toString(change));
    }

    /** {@code ADD #c0 :d0, #c1 :d1, ...} for that many counters, made once for the usual ones. */
    private static final String[] ADD_EXPRESSIONS = {
        null, buildAddExpression(1), buildAddExpression(2), buildAddExpression(3)
    };

    static String addExpression(int counters) {
        return counters < ADD_EXPRESSIONS.length
                ? ADD_EXPRESSIONS[counters]
                : buildAddExpression(counters);
    }

    static String buildAddExpression(int counters) {
        List<String> additions = new ArrayList<>();
        for (int i = 0; i < counters; i++) {
            additions.add("#c" + i + " :d" + i);
        }
        return "ADD " + String.join(", ", additions);
    }

    private static PutItemRequest toPutRequest(Put put) {
        return PutItemRequest.builder()
                .tableName(put.tableName())
                .item(put.item())
                .conditionExpression(put.conditionExpression())
                .expressionAttributeNames(
                        put.hasExpressionAttributeNames() ? put.expressionAttributeNames() : null)
                .expressionAttributeValues(
                        put.hasExpressionAttributeValues() ? put.expressionAttributeValues() : null)
                .build();
    }
}

package org.newsroom.memberships;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@link SupporterCounters} on the {@link MembershipTable}: one strongly consistent BatchGetItem of
 * every shard, retrying unprocessed keys with a short growing pause.
 */
public final class DynamoDbSupporterCounters implements SupporterCounters {

    private static final int MAX_ROUNDS = 8;

    private final MembershipTable table;

    public DynamoDbSupporterCounters(MembershipTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Map<String, Long> read(Collection<String> names) {
        Map<String, Long> totals = new LinkedHashMap<>();
        names.forEach(name -> totals.put(name, 0L));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int shard = 0; shard < table.shardCount(); shard++) {
            keys.add(MembershipItems.counterKey(shard));
        }
        Map<String, KeysAndAttributes> request = new HashMap<>();
        request.put(
                table.name(), KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        try {
            int attempts = 0;
            while (!request.isEmpty()) {
                if (attempts++ == MAX_ROUNDS) {
                    throw new MembershipStoreException("Counters stayed unprocessed", null);
                }
                Map<String, KeysAndAttributes> pending = Map.copyOf(request);
                BatchGetItemResponse response =
                        table.dynamo().batchGetItem(b -> b.requestItems(pending));
                for (Map<String, AttributeValue> item :
                        response.responses().getOrDefault(table.name(), List.of())) {
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

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

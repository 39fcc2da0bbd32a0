package org.newsroom.memberships;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@link SupporterCounters} on the {@link MembershipTable}: one strongly consistent BatchGetItem of
 * every shard and the campaign item, so a cold read is one request. Each shard item holds every
 * counter, so the campaign's counter comes back in the same answer whatever the campaign is.
 * Unprocessed keys (only under throttling) are retried with a short growing pause.
 */
public final class DynamoDbSupporterCounters implements SupporterCounters {

    private static final int MAX_ROUNDS = 8;

    private final MembershipTable table;

    public DynamoDbSupporterCounters(MembershipTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Reading read() {
        Map<String, Long> totals = new HashMap<>();
        Optional<Campaign> campaign = Optional.empty();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int shard = 0; shard < table.shardCount(); shard++) {
            keys.add(MembershipItems.counterKey(shard));
        }
        keys.add(MembershipItems.campaignKey());
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
                    if (MembershipItems.isCampaign(item)) {
                        campaign = Optional.of(MembershipItems.toCampaign(item));
                    } else {
                        addCounters(item, totals);
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
        return new Reading(totals, campaign);
    }

    /** A shard's number attributes are its counters (the keys are strings). */
    private static void addCounters(Map<String, AttributeValue> shard, Map<String, Long> totals) {
        shard.forEach(
                (name, value) -> {
                    if (value.n() != null) {
                        totals.merge(name, Long.parseLong(value.n()), Long::sum);
                    }
                });
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

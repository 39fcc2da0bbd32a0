package org.newsroom.subscriptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The confirmed readers of one newsletter, page by page, from the subscriptions table's {@value
 * #INDEX} index: partition {@code newsletter}, sort {@code status}, both attributes every
 * subscription item ({@code NL#...}) already has, so the index needs no change to how subscriptions
 * are written, and it is sparse (confirmation requests and suppression markers have no {@code
 * newsletter} attribute). Keys only: the index holds no addresses.
 */
public final class ConfirmedReaders {

    public static final String INDEX = "Audience";

    /** One page of address ids, and where the next page starts (empty after the last). */
    public record Page(List<String> addressIds, Optional<Map<String, String>> next) {}

    private final DynamoDbClient dynamo;
    private final String table;

    public ConfirmedReaders(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * @param from a previous page's {@link Page#next()}, or empty for the first page
     */
    public Page page(String newsletter, int limit, Map<String, String> from) {
        QueryRequest.Builder query =
                QueryRequest.builder()
                        .tableName(table)
                        .indexName(INDEX)
                        .keyConditionExpression("#nl = :nl AND #status = :confirmed")
                        .expressionAttributeNames(
                                Map.of(
                                        "#nl",
                                        SubscriptionItems.NEWSLETTER,
                                        "#status",
                                        SubscriptionItems.STATUS))
                        .expressionAttributeValues(
                                Map.of(
                                        ":nl", AttributeValue.fromS(newsletter),
                                        ":confirmed",
                                                AttributeValue.fromS(
                                                        SubscriptionStatus.CONFIRMED.code())))
                        .limit(limit);
        if (!from.isEmpty()) {
            Map<String, AttributeValue> start = new LinkedHashMap<>();
            from.forEach((k, v) -> start.put(k, AttributeValue.fromS(v)));
            query.exclusiveStartKey(start);
        }
        try {
            QueryResponse response = dynamo.query(query.build());
            List<String> ids =
                    response.items().stream().map(i -> i.get(SubscriptionItems.PK).s()).toList();
            Optional<Map<String, String>> next = Optional.empty();
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                Map<String, String> cursor = new LinkedHashMap<>();
                response.lastEvaluatedKey().forEach((k, v) -> cursor.put(k, v.s()));
                next = Optional.of(cursor);
            }
            return new Page(ids, next);
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not read a newsletter's readers", e);
        }
    }

    /** What the sender needs to know about one reader just before their email goes out. */
    public record Reader(
            String addressId,
            Optional<String> address,
            Optional<SubscriptionStatus> status,
            boolean suppressed) {

        public boolean mailable() {
            return address.isPresent()
                    && status.filter(s -> s == SubscriptionStatus.CONFIRMED).isPresent()
                    && !suppressed;
        }
    }

    /**
     * One consistent read of the reader's partition: their subscription to {@code newsletter} and
     * whether the address is suppressed, as of now (not as of the audience read).
     */
    public Reader reader(String addressId, String newsletter) {
        try {
            QueryResponse response =
                    dynamo.query(
                            b ->
                                    b.tableName(table)
                                            .consistentRead(true)
                                            .keyConditionExpression("#pk = :pk")
                                            .expressionAttributeNames(
                                                    Map.of("#pk", SubscriptionItems.PK))
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":pk",
                                                            AttributeValue.fromS(addressId))));
            Optional<String> address = Optional.empty();
            Optional<SubscriptionStatus> status = Optional.empty();
            boolean suppressed = false;
            for (Map<String, AttributeValue> item : response.items()) {
                String sk = item.get(SubscriptionItems.SK).s();
                if (sk.equals(SubscriptionItems.SUPPRESSED)) {
                    suppressed = true;
                } else if (sk.equals(SubscriptionItems.newsletterSk(newsletter))) {
                    AttributeValue a = item.get(SubscriptionItems.ADDRESS);
                    AttributeValue s = item.get(SubscriptionItems.STATUS);
                    address = a == null ? Optional.empty() : Optional.ofNullable(a.s());
                    status =
                            s == null
                                    ? Optional.empty()
                                    : Optional.of(SubscriptionStatus.fromCode(s.s()));
                }
            }
            return new Reader(addressId, address, status, suppressed);
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not read a reader", e);
        }
    }
}

package org.newsroom.subscriptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The catalogue read from its DynamoDB table (layout in {@link NewsletterItems}). */
public final class DynamoDbNewsletterCatalogue implements NewsletterCatalogue {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbNewsletterCatalogue(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<Newsletter> all() {
        List<Newsletter> newsletters = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        try {
            do {
                QueryRequest.Builder query =
                        QueryRequest.builder()
                                .tableName(table)
                                .keyConditionExpression("#pk = :pk")
                                .expressionAttributeNames(Map.of("#pk", NewsletterItems.PK))
                                .expressionAttributeValues(
                                        Map.of(
                                                ":pk",
                                                AttributeValue.fromS(NewsletterItems.CATALOGUE)));
                if (start != null) {
                    query.exclusiveStartKey(start);
                }
                QueryResponse response = dynamo.query(query.build());
                for (Map<String, AttributeValue> item : response.items()) {
                    try {
                        newsletters.add(NewsletterItems.toNewsletter(item));
                    } catch (RuntimeException e) {
                        // An operator's malformed item must not take the signup form down: skip it.
                    }
                }
                start =
                        response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                                ? response.lastEvaluatedKey()
                                : null;
            } while (start != null);
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not read the newsletter catalogue", e);
        }
        newsletters.sort(
                Comparator.comparingInt(Newsletter::position).thenComparing(Newsletter::id));
        return List.copyOf(newsletters);
    }

    /** Adds or replaces one newsletter (used to seed the catalogue). */
    public void put(Newsletter newsletter) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(NewsletterItems.toItem(newsletter)));
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not write a newsletter", e);
        }
    }
}

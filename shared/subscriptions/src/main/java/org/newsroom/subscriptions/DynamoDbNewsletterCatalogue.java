package org.newsroom.subscriptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.newsroom.core.aws.DynamoDbQueries;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

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
        QueryRequest query =
                QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", NewsletterItems.PK))
                        .expressionAttributeValues(
                                Map.of(":pk", AttributeValue.fromS(NewsletterItems.CATALOGUE)))
                        .build();
        List<Map<String, AttributeValue>> items;
        try {
            items = DynamoDbQueries.everyPage(dynamo, query);
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not read the newsletter catalogue", e);
        }
        List<Newsletter> newsletters = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            try {
                newsletters.add(NewsletterItems.toNewsletter(item));
            } catch (RuntimeException e) {
                // An operator's malformed item must not take the signup form down: skip it.
            }
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

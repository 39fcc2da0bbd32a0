package org.newsroom.local.bench;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The bare-SDK row of {@code make bench}: what any Java function that reads DynamoDB pays before
 * its own code runs. A DynamoDB client with every SDK default (region, credentials, HTTP client and
 * endpoint from the environment, as a function on Lambda would find them) and one GetItem of a key
 * no item has. Kept apart from {@link ColdStartProbe} so the other modes never load the SDK.
 */
final class BareSdkProbe {

    private BareSdkProbe() {}

    static void getMissingItem(String table) {
        try (DynamoDbClient dynamo = DynamoDbClient.create()) {
            AttributeValue none = AttributeValue.fromS("bench#none");
            dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", none, "sk", none)));
        }
    }
}

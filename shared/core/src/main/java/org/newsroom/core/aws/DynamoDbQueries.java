package org.newsroom.core.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Reading every page of a DynamoDB query, for the stores that need a partition whole. */
public final class DynamoDbQueries {

    private DynamoDbQueries() {}

    /**
     * Every item {@code query} finds, asking page after page until the last key is absent or empty.
     * SDK exceptions reach the caller, which translates them.
     */
    public static List<Map<String, AttributeValue>> everyPage(
            DynamoDbClient dynamo, QueryRequest query) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        QueryRequest page = query;
        while (page != null) {
            QueryResponse response = dynamo.query(page);
            items.addAll(response.items());
            page =
                    response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                            ? query.toBuilder()
                                    .exclusiveStartKey(response.lastEvaluatedKey())
                                    .build()
                            : null;
        }
        return items;
    }
}

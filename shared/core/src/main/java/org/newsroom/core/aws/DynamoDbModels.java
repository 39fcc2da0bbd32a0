package org.newsroom.core.aws;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Loads the SDK's model classes of DynamoDB operations ahead of their first call. Each model class
 * builds, when it is initialised, a table of its fields with a generated getter and setter for each
 * (the {@code QueryRequest} alone spins 40 lambda classes), and a function's first request spends
 * about a tenth of its time on that for the operations it calls. Building one request and one
 * response of each operation, with the nested types a function's requests use, does it on the
 * calling thread: a background thread of the function's init, beside the main thread building the
 * client. Nothing is sent; the objects are dropped.
 */
public final class DynamoDbModels {

    /** The operations whose models {@link #load} can prepare. */
    public enum Operation {
        GET_ITEM,
        PUT_ITEM,
        UPDATE_ITEM,
        DELETE_ITEM,
        QUERY,
        BATCH_GET_ITEM,
        TRANSACT_WRITE_ITEMS
    }

    private DynamoDbModels() {}

    /** Builds a request and a response of each of {@code operations}; answers how many objects. */
    public static int load(Set<Operation> operations) {
        AttributeValue value = AttributeValue.fromS("model");
        Map<String, AttributeValue> key = Map.of("pk", value, "sk", value);
        Map<String, String> names = Map.of("#a", "a");
        Map<String, AttributeValue> values = Map.of(":a", value);
        ConsumedCapacity consumed =
                ConsumedCapacity.builder()
                        .tableName("model")
                        .capacityUnits(1.0)
                        .table(Capacity.builder().capacityUnits(1.0).build())
                        .build();
        ItemCollectionMetrics metrics =
                ItemCollectionMetrics.builder()
                        .itemCollectionKey(key)
                        .sizeEstimateRangeGB(List.of(1.0))
                        .build();
        List<Object> built = new ArrayList<>();
        for (Operation operation : EnumSet.copyOf(operations)) {
            switch (operation) {
                case GET_ITEM -> {
                    built.add(
                            GetItemRequest.builder()
                                    .tableName("model")
                                    .key(key)
                                    .consistentRead(true)
                                    .projectionExpression("#a")
                                    .expressionAttributeNames(names)
                                    .build());
                    built.add(
                            GetItemResponse.builder().item(key).consumedCapacity(consumed).build());
                }
                case PUT_ITEM -> {
                    built.add(
                            PutItemRequest.builder()
                                    .tableName("model")
                                    .item(key)
                                    .conditionExpression("#a = :a")
                                    .expressionAttributeNames(names)
                                    .expressionAttributeValues(values)
                                    .build());
                    built.add(
                            PutItemResponse.builder()
                                    .attributes(key)
                                    .consumedCapacity(consumed)
                                    .itemCollectionMetrics(metrics)
                                    .build());
                }
                case UPDATE_ITEM -> {
                    built.add(
                            UpdateItemRequest.builder()
                                    .tableName("model")
                                    .key(key)
                                    .updateExpression("SET #a = :a")
                                    .conditionExpression("#a = :a")
                                    .expressionAttributeNames(names)
                                    .expressionAttributeValues(values)
                                    .returnValues("ALL_NEW")
                                    .build());
                    built.add(
                            UpdateItemResponse.builder()
                                    .attributes(key)
                                    .consumedCapacity(consumed)
                                    .itemCollectionMetrics(metrics)
                                    .build());
                }
                case DELETE_ITEM -> {
                    built.add(
                            DeleteItemRequest.builder()
                                    .tableName("model")
                                    .key(key)
                                    .conditionExpression("#a = :a")
                                    .expressionAttributeNames(names)
                                    .expressionAttributeValues(values)
                                    .build());
                    built.add(
                            DeleteItemResponse.builder()
                                    .attributes(key)
                                    .consumedCapacity(consumed)
                                    .itemCollectionMetrics(metrics)
                                    .build());
                }
                case QUERY -> {
                    built.add(
                            QueryRequest.builder()
                                    .tableName("model")
                                    .indexName("model")
                                    .keyConditionExpression("#a = :a")
                                    .filterExpression("#a = :a")
                                    .projectionExpression("#a")
                                    .expressionAttributeNames(names)
                                    .expressionAttributeValues(values)
                                    .exclusiveStartKey(key)
                                    .scanIndexForward(false)
                                    .consistentRead(true)
                                    .limit(1)
                                    .build());
                    built.add(
                            QueryResponse.builder()
                                    .items(List.of(key))
                                    .count(1)
                                    .scannedCount(1)
                                    .lastEvaluatedKey(key)
                                    .consumedCapacity(consumed)
                                    .build());
                }
                case BATCH_GET_ITEM -> {
                    built.add(
                            BatchGetItemRequest.builder()
                                    .requestItems(Map.of("model", keys(key, names)))
                                    .build());
                    built.add(
                            BatchGetItemResponse.builder()
                                    .responses(Map.of("model", List.of(key)))
                                    .unprocessedKeys(Map.of("model", keys(key, names)))
                                    .consumedCapacity(consumed)
                                    .build());
                }
                case TRANSACT_WRITE_ITEMS -> {
                    built.add(transaction(key, names, values));
                    built.add(
                            TransactWriteItemsResponse.builder()
                                    .consumedCapacity(consumed)
                                    .itemCollectionMetrics(Map.of("model", List.of(metrics)))
                                    .build());
                }
            }
        }
        return built.size();
    }

    private static KeysAndAttributes keys(
            Map<String, AttributeValue> key, Map<String, String> names) {
        return KeysAndAttributes.builder()
                .keys(List.of(key))
                .consistentRead(true)
                .projectionExpression("#a")
                .expressionAttributeNames(names)
                .build();
    }

    private static TransactWriteItemsRequest transaction(
            Map<String, AttributeValue> key,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        return TransactWriteItemsRequest.builder()
                .transactItems(
                        TransactWriteItem.builder()
                                .put(
                                        Put.builder()
                                                .tableName("model")
                                                .item(key)
                                                .conditionExpression("#a = :a")
                                                .expressionAttributeNames(names)
                                                .expressionAttributeValues(values)
                                                .build())
                                .build(),
                        TransactWriteItem.builder()
                                .update(
                                        Update.builder()
                                                .tableName("model")
                                                .key(key)
                                                .updateExpression("SET #a = :a")
                                                .conditionExpression("#a = :a")
                                                .expressionAttributeNames(names)
                                                .expressionAttributeValues(values)
                                                .build())
                                .build(),
                        TransactWriteItem.builder()
                                .delete(Delete.builder().tableName("model").key(key).build())
                                .build(),
                        TransactWriteItem.builder()
                                .conditionCheck(
                                        ConditionCheck.builder()
                                                .tableName("model")
                                                .key(key)
                                                .conditionExpression("#a = :a")
                                                .expressionAttributeNames(names)
                                                .expressionAttributeValues(values)
                                                .build())
                                .build())
                .clientRequestToken("model")
                .build();
    }
}

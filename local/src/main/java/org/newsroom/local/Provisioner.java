package org.newsroom.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates in the emulator the resources template.yaml declares, from their template
 * definitions (there is no second definition), and answers {@code GetAtt} for them.
 */
final class Provisioner {

    private final StackModel model;
    private final DynamoDbClient dynamo;
    private final Map<String, TableDescription> tables = new LinkedHashMap<>();

    Provisioner(StackModel model, DynamoDbClient dynamo) {
        this.model = model;
        this.dynamo = dynamo;
    }

    void provision() {
        Intrinsics intrinsics = model.intrinsics(this::attribute);
        model.template().resourcesOfType("AWS::DynamoDB::Table").forEach((id, resource) ->
                tables.put(id, createTable(id, Template.map(intrinsics.resolve(resource.get("Properties"))))));
    }

    /** Table logical ids and their descriptions, as created. */
    Map<String, TableDescription> tables() {
        return tables;
    }

    String attribute(String logicalId, String attribute) {
        TableDescription table = tables.get(logicalId);
        if (table != null) {
            return switch (attribute) {
                case "Arn" -> table.tableArn();
                case "StreamArn" -> table.latestStreamArn();
                default -> throw new IllegalStateException("Unknown table attribute " + logicalId + "." + attribute);
            };
        }
        String physical = model.physicalId(logicalId);
        return switch (attribute) {
            case "Arn", "TopicArn" -> physical.startsWith("arn:") ? physical
                    : "arn:aws:sqs:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":" + logicalId;
            case "QueueName", "TopicName", "Name" -> logicalId;
            case "QueueUrl" -> physical;
            default -> "arn:aws:local:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":" + logicalId + "/" + attribute;
        };
    }

    private TableDescription createTable(String name, Map<String, Object> props) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributeDefinitions(props.get("AttributeDefinitions")))
                .keySchema(keySchema(props.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object raw : Template.list(props.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> index = Template.map(raw);
            Map<String, Object> projection = Template.map(index.get("Projection"));
            Projection.Builder p = Projection.builder().projectionType(String.valueOf(projection.getOrDefault("ProjectionType", "ALL")));
            if (projection.containsKey("NonKeyAttributes")) {
                p.nonKeyAttributes(Template.list(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList());
            }
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(String.valueOf(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(p.build())
                    .build());
        }
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        Map<String, Object> stream = Template.map(props.get("StreamSpecification"));
        if (!stream.isEmpty()) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(String.valueOf(stream.get("StreamViewType"))).build());
        }
        try {
            dynamo.createTable(request.build());
        } catch (ResourceInUseException e) {
            // Already there from an earlier run against the same emulator: keep its data.
        }
        Map<String, Object> ttl = Template.map(props.get("TimeToLiveSpecification"));
        if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t
                    .enabled(true).attributeName(String.valueOf(ttl.get("AttributeName")))));
        }
        return dynamo.describeTable(b -> b.tableName(name)).table();
    }

    private static List<AttributeDefinition> attributeDefinitions(Object raw) {
        List<AttributeDefinition> list = new ArrayList<>();
        for (Object item : Template.list(raw)) {
            Map<String, Object> def = Template.map(item);
            list.add(AttributeDefinition.builder().attributeName(String.valueOf(def.get("AttributeName")))
                    .attributeType(String.valueOf(def.get("AttributeType"))).build());
        }
        return list;
    }

    private static List<KeySchemaElement> keySchema(Object raw) {
        List<KeySchemaElement> list = new ArrayList<>();
        for (Object item : Template.list(raw)) {
            Map<String, Object> key = Template.map(item);
            list.add(KeySchemaElement.builder().attributeName(String.valueOf(key.get("AttributeName")))
                    .keyType(String.valueOf(key.get("KeyType"))).build());
        }
        return list;
    }
}

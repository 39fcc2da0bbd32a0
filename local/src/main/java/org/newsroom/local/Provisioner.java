package org.newsroom.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Creates in the emulator the resources template.yaml declares, from their template definitions
 * (there is no second definition), and answers {@code GetAtt} for them.
 */
final class Provisioner {

    private final StackModel model;
    private final DynamoDbClient dynamo;
    private final Map<String, TableDescription> tables = new LinkedHashMap<>();
    private final Map<String, String> physicalIds = new LinkedHashMap<>();
    private final Map<String, String> arns = new LinkedHashMap<>();
    private final Intrinsics intrinsics;

    Provisioner(StackModel model, DynamoDbClient dynamo) {
        this.model = model;
        this.dynamo = dynamo;
        this.intrinsics = model.intrinsics(this::ref, this::attribute);
    }

    /**
     * Resolves the template's intrinsics against what this provisioner created; it reads the
     * provisioner's state at each call, so one instance serves before and after provisioning.
     */
    Intrinsics intrinsics() {
        return intrinsics;
    }

    /**
     * Creates the template's secrets (those whose condition holds) with the values of {@code
     * local/secrets.json} (by logical id; an object value is stored as its JSON text), else the
     * template's {@code SecretString}, else a value made from its {@code GenerateSecretString}.
     * Every start puts the seed value again, so a rotation tried locally ends with the run.
     */
    void provisionSecrets(Path seeds) {
        Map<String, Map<String, Object>> secrets =
                model.template().resourcesOfType("AWS::SecretsManager::Secret");
        if (secrets.isEmpty()) {
            return;
        }
        JsonNode seeded = readSeeds(seeds);
        try (SecretsManagerClient client =
                SecretsManagerClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            secrets.forEach(
                    (id, resource) -> {
                        Object condition = resource.get("Condition");
                        if (condition != null && !intrinsics.condition(String.valueOf(condition))) {
                            return;
                        }
                        String name = nameOr(intrinsics, resource, "Name", id);
                        String value = seedValue(id, resource, seeded.path(id));
                        String arn;
                        try {
                            arn = client.createSecret(b -> b.name(name).secretString(value)).arn();
                        } catch (ResourceExistsException e) {
                            arn =
                                    client.putSecretValue(b -> b.secretId(name).secretString(value))
                                            .arn();
                        }
                        physicalIds.put(id, arn);
                        arns.put(id, arn);
                    });
        }
    }

    private static JsonNode readSeeds(Path seeds) {
        if (!Files.exists(seeds)) {
            return Json.object();
        }
        try {
            return Json.read(Files.readString(seeds));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + seeds + ": " + e.getMessage(), e);
        }
    }

    private String seedValue(String id, Map<String, Object> resource, JsonNode seed) {
        if (seed.isTextual()) {
            return seed.asText();
        }
        if (seed.isObject()) {
            return seed.toString();
        }
        Map<String, Object> props = Template.map(resource.get("Properties"));
        if (props.get("SecretString") != null) {
            return intrinsics.string(props.get("SecretString"));
        }
        Map<String, Object> generate = Template.map(props.get("GenerateSecretString"));
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = HexFormat.of().formatHex(random);
        if (generate.get("SecretStringTemplate") == null) {
            return generated;
        }
        try {
            org.newsroom.core.json.ObjectNode template =
                    (org.newsroom.core.json.ObjectNode)
                            Json.read(String.valueOf(generate.get("SecretStringTemplate")));
            template.put(String.valueOf(generate.get("GenerateStringKey")), generated);
            return template.toString();
        } catch (RuntimeException e) {
            throw new IllegalStateException(id + ": SecretStringTemplate is not a JSON object", e);
        }
    }

    void provision() {
        model.template()
                .resourcesOfType("AWS::DynamoDB::Table")
                .forEach(
                        (id, resource) ->
                                tables.put(
                                        id,
                                        createTable(
                                                id,
                                                Template.map(
                                                        intrinsics.resolve(
                                                                resource.get("Properties"))))));
        Map<String, Map<String, Object>> queues =
                model.template().resourcesOfType("AWS::SQS::Queue");
        Map<String, Map<String, Object>> topics =
                model.template().resourcesOfType("AWS::SNS::Topic");
        if (!queues.isEmpty()) {
            try (SqsClient sqs =
                    SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                queues.forEach(
                        (id, resource) -> {
                            String name = nameOr(intrinsics, resource, "QueueName", id);
                            String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
                            physicalIds.put(id, url);
                            arns.put(
                                    id,
                                    sqs.getQueueAttributes(
                                                    b ->
                                                            b.queueUrl(url)
                                                                    .attributeNamesWithStrings(
                                                                            "QueueArn"))
                                            .attributesAsStrings()
                                            .get("QueueArn"));
                        });
                // Settings after every queue exists: a RedrivePolicy names its dead-letter queue,
                // which may come later in the template. The emulator applies it on receive.
                queues.forEach(
                        (id, resource) -> {
                            Map<String, String> attributes = queueAttributes(resource);
                            if (!attributes.isEmpty()) {
                                sqs.setQueueAttributes(
                                        b ->
                                                b.queueUrl(physicalIds.get(id))
                                                        .attributesWithStrings(attributes));
                            }
                        });
            }
        }
        if (!topics.isEmpty()) {
            try (SnsClient sns =
                    SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                topics.forEach(
                        (id, resource) -> {
                            String arn =
                                    sns.createTopic(
                                                    b ->
                                                            b.name(
                                                                    nameOr(
                                                                            intrinsics,
                                                                            resource,
                                                                            "TopicName",
                                                                            id)))
                                            .topicArn();
                            physicalIds.put(id, arn);
                            arns.put(id, arn);
                        });
            }
        }
        Map<String, Map<String, Object>> identities =
                model.template().resourcesOfType("AWS::SES::EmailIdentity");
        Map<String, Map<String, Object>> configurationSets =
                model.template().resourcesOfType("AWS::SES::ConfigurationSet");
        if (!identities.isEmpty() || !configurationSets.isEmpty()) {
            try (SesV2Client ses =
                    SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                configurationSets.forEach(
                        (id, resource) -> {
                            String name = nameOr(intrinsics, resource, "Name", id);
                            try {
                                ses.createConfigurationSet(b -> b.configurationSetName(name));
                            } catch (SesV2Exception e) {
                                requireAlreadyExists(e);
                            }
                            physicalIds.put(id, name);
                        });
                identities.forEach(
                        (id, resource) -> {
                            String identity = nameOr(intrinsics, resource, "EmailIdentity", id);
                            try {
                                // The emulator verifies identities at once, as a verified domain
                                // would be on AWS.
                                ses.createEmailIdentity(b -> b.emailIdentity(identity));
                            } catch (SesV2Exception e) {
                                requireAlreadyExists(e);
                            }
                            physicalIds.put(id, identity);
                        });
            }
        }
    }

    /**
     * Accepts an "already exists" answer: the resource is kept from an earlier run against the same
     * emulator. The emulator answers SES v2 with SES v1's error codes (such as {@code
     * ConfigurationSetAlreadyExistsException}), which the SDK does not map to {@link
     * AlreadyExistsException}, so the code is checked too.
     */
    private static void requireAlreadyExists(SesV2Exception e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        if (!(e instanceof AlreadyExistsException)
                && (code == null || !code.endsWith("AlreadyExistsException"))) {
            throw e;
        }
    }

    /** The template's queue settings the local event sources rely on, as SQS attributes. */
    private Map<String, String> queueAttributes(Map<String, Object> resource) {
        Map<String, Object> props = Template.map(intrinsics.resolve(resource.get("Properties")));
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds")) {
            if (props.get(name) != null) {
                attributes.put(name, String.valueOf(props.get(name)));
            }
        }
        Map<String, Object> redrive = Template.map(props.get("RedrivePolicy"));
        if (!redrive.isEmpty()) {
            attributes.put(
                    "RedrivePolicy",
                    "{\"deadLetterTargetArn\":\""
                            + redrive.get("deadLetterTargetArn")
                            + "\",\"maxReceiveCount\":"
                            + Integer.parseInt(String.valueOf(redrive.get("maxReceiveCount")))
                            + "}");
        }
        return attributes;
    }

    /** What {@code Ref} of a resource gives: the emulator's id where it made one. */
    String ref(String logicalId) {
        String physical = physicalIds.get(logicalId);
        return physical != null ? physical : model.physicalId(logicalId);
    }

    private static String nameOr(
            Intrinsics intrinsics, Map<String, Object> resource, String property, String fallback) {
        Object value = Template.map(resource.get("Properties")).get(property);
        return value == null ? fallback : intrinsics.string(value);
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
                default ->
                        throw new IllegalStateException(
                                "Unknown table attribute " + logicalId + "." + attribute);
            };
        }
        String physical = ref(logicalId);
        return switch (attribute) {
            case "Arn", "TopicArn" ->
                    arns.getOrDefault(
                            logicalId,
                            physical.startsWith("arn:")
                                    ? physical
                                    : "arn:aws:local:"
                                            + Intrinsics.REGION
                                            + ":"
                                            + Intrinsics.ACCOUNT
                                            + ":"
                                            + logicalId);
            case "QueueName", "TopicName", "Name" ->
                    physical.substring(
                            physical.lastIndexOf(physical.startsWith("arn:") ? ':' : '/') + 1);
            case "QueueUrl" -> physical;
            default ->
                    "arn:aws:local:"
                            + Intrinsics.REGION
                            + ":"
                            + Intrinsics.ACCOUNT
                            + ":"
                            + logicalId
                            + "/"
                            + attribute;
        };
    }

    private TableDescription createTable(String name, Map<String, Object> props) {
        CreateTableRequest.Builder request =
                CreateTableRequest.builder()
                        .tableName(name)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                attributeDefinitions(props.get("AttributeDefinitions")))
                        .keySchema(keySchema(props.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object raw : Template.list(props.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> index = Template.map(raw);
            Map<String, Object> projection = Template.map(index.get("Projection"));
            Projection.Builder p =
                    Projection.builder()
                            .projectionType(
                                    String.valueOf(
                                            projection.getOrDefault("ProjectionType", "ALL")));
            if (projection.containsKey("NonKeyAttributes")) {
                p.nonKeyAttributes(
                        Template.list(projection.get("NonKeyAttributes")).stream()
                                .map(String::valueOf)
                                .toList());
            }
            indexes.add(
                    GlobalSecondaryIndex.builder()
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
            request.streamSpecification(
                    StreamSpecification.builder()
                            .streamEnabled(true)
                            .streamViewType(String.valueOf(stream.get("StreamViewType")))
                            .build());
        }
        try {
            dynamo.createTable(request.build());
        } catch (ResourceInUseException e) {
            // Already there from an earlier run against the same emulator: keep its data.
        }
        Map<String, Object> ttl = Template.map(props.get("TimeToLiveSpecification"));
        if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            dynamo.updateTimeToLive(
                    b ->
                            b.tableName(name)
                                    .timeToLiveSpecification(
                                            t ->
                                                    t.enabled(true)
                                                            .attributeName(
                                                                    String.valueOf(
                                                                            ttl.get(
                                                                                    "AttributeName")))));
        }
        return dynamo.describeTable(b -> b.tableName(name)).table();
    }

    private static List<AttributeDefinition> attributeDefinitions(Object raw) {
        List<AttributeDefinition> list = new ArrayList<>();
        for (Object item : Template.list(raw)) {
            Map<String, Object> def = Template.map(item);
            list.add(
                    AttributeDefinition.builder()
                            .attributeName(String.valueOf(def.get("AttributeName")))
                            .attributeType(String.valueOf(def.get("AttributeType")))
                            .build());
        }
        return list;
    }

    private static List<KeySchemaElement> keySchema(Object raw) {
        List<KeySchemaElement> list = new ArrayList<>();
        for (Object item : Template.list(raw)) {
            Map<String, Object> key = Template.map(item);
            list.add(
                    KeySchemaElement.builder()
                            .attributeName(String.valueOf(key.get("AttributeName")))
                            .keyType(String.valueOf(key.get("KeyType")))
                            .build());
        }
        return list;
    }
}

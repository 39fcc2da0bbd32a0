package org.newsroom.local.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.newsroom.local.Emulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * What the tests that talk to an emulator directly share: an emulator of their own, on a free port,
 * DynamoDB clients for it (the URL-connection client, us-east-1, test credentials), the usual pk/sk
 * table, and closing what they started.
 */
final class EmulatorClients {

    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private EmulatorClients() {}

    /**
     * Starts an emulator on a free port, logging to a new temporary directory named {@code name}.
     */
    static Emulator start(String name) throws IOException {
        URI endpoint = URI.create("http://127.0.0.1:" + Emulator.freePort());
        Path root = Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
        Path log = Files.createTempDirectory(name).resolve("emulator.log");
        return Emulator.ensure(endpoint, root, log);
    }

    static DynamoDbClient dynamo(URI endpoint) {
        return builder(endpoint).build();
    }

    /** A client that adds one to {@code calls} as each of its calls starts. */
    static DynamoDbClient counting(URI endpoint, AtomicInteger calls) {
        return builder(endpoint)
                .overrideConfiguration(
                        o ->
                                o.addExecutionInterceptor(
                                        new ExecutionInterceptor() {
                                            @Override
                                            public void beforeExecution(
                                                    Context.BeforeExecution context,
                                                    ExecutionAttributes attributes) {
                                                calls.incrementAndGet();
                                            }
                                        }))
                .build();
    }

    /**
     * A table keyed by the strings {@code pk} and {@code sk}, paid per request, whose attribute
     * definitions also name {@code indexKeys} (strings): the caller adds its indexes or stream.
     */
    static CreateTableRequest.Builder keyedTable(String name, String... indexKeys) {
        List<AttributeDefinition> definitions = new ArrayList<>();
        for (String attribute : List.of("pk", "sk")) {
            definitions.add(string(attribute));
        }
        for (String attribute : indexKeys) {
            definitions.add(string(attribute));
        }
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(
                        k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(definitions);
    }

    private static AttributeDefinition string(String attribute) {
        return AttributeDefinition.builder()
                .attributeName(attribute)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    /** Closes, in order, each of {@code resources} a test's start made (null: not made). */
    static void close(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }

    private static DynamoDbClientBuilder builder(URI endpoint) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS);
    }
}

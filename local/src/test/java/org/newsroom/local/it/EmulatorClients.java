package org.newsroom.local.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * What the tests that talk to an emulator directly share: an emulator of their own, on a free port,
 * and DynamoDB clients for it (the URL-connection client, us-east-1, test credentials).
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

    private static DynamoDbClientBuilder builder(URI endpoint) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS);
    }
}

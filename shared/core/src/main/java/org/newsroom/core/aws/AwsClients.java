package org.newsroom.core.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one place that builds SDK clients, once per container.
 *
 * <p>Every client shares the URL-connection HTTP client, the lightest of the SDK's clients (no
 * extra jars, fastest cold start). Endpoints come from the SDK's own {@code AWS_ENDPOINT_URL} /
 * {@code AWS_ENDPOINT_URL_<SERVICE>} settings, so the same code talks to AWS or to the local
 * emulator. Every API call, retries included, gives up well before the shortest function timeout
 * (15 seconds in the template), so a slow dependency surfaces as an error the function handles
 * instead of a Lambda timeout that loses the log line.
 *
 * <p>The service artifacts are optional dependencies of this module: a function declares the
 * services it calls, and only those clients are in its jar.
 */
public final class AwsClients {

    /** Longest time one API call may take, all of its retries included. */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);

    /** Longest time one attempt of an API call may take. */
    public static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(4);

    private static final class Holder {
        static final SdkHttpClient HTTP =
                UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10))
                        .build();
    }

    private AwsClients() {}

    /** The shared HTTP client; created on first use, once per container. */
    public static SdkHttpClient httpClient() {
        return Holder.HTTP;
    }

    /** A DynamoDB client on the shared HTTP client, with the call timeouts above. */
    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder()
                .httpClient(httpClient())
                .overrideConfiguration(timeouts())
                .build();
    }

    /**
     * An SES v2 client on the shared HTTP client, with the whole-call timeout above, no per-attempt
     * timeout and no SDK retries: sending is not idempotent, and the SDK retries an attempt that
     * timed out or lost its connection after SES may have accepted the message, which would deliver
     * it twice without the caller knowing. A failed call fails as a whole instead; the mail sender
     * retries throttling itself (nothing was sent then), and the caller's own claim decides whether
     * to try again.
     */
    public static SesV2Client sesV2() {
        return SesV2Client.builder()
                .httpClient(httpClient())
                .overrideConfiguration(sesOverrides())
                .build();
    }

    static ClientOverrideConfiguration sesOverrides() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(API_CALL_TIMEOUT)
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .build();
    }

    /** An SQS client on the shared HTTP client, with the call timeouts above. */
    public static SqsClient sqs() {
        return SqsClient.builder()
                .httpClient(httpClient())
                .overrideConfiguration(timeouts())
                .build();
    }

    /** A Secrets Manager client on the shared HTTP client, with the call timeouts above. */
    public static SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder()
                .httpClient(httpClient())
                .overrideConfiguration(timeouts())
                .build();
    }

    private static ClientOverrideConfiguration timeouts() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(API_CALL_TIMEOUT)
                .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                .build();
    }
}

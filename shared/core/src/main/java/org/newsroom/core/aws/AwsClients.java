package org.newsroom.core.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
 * services it calls, and only those clients are in its jar. SES and Secrets Manager, one operation
 * each, are called through {@link AwsJsonApi} instead of their service clients (see there why).
 */
public final class AwsClients {

    /** Longest time one API call may take, all of its retries included. */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);

    /** Longest time one attempt of an API call may take. */
    public static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(4);

    /** Longest wait for a connection to be made. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    private static final class Holder {
        static final SdkHttpClient HTTP =
                UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECTION_TIMEOUT)
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
     * SES v2 on the shared HTTP client: one attempt per call ({@code SesMailSender} gives each
     * {@link #API_CALL_TIMEOUT}). Sending is not idempotent: an attempt that timed out or lost its
     * connection after SES may have accepted the message must not be repeated blindly, so nothing
     * here retries; the mail sender retries throttling itself (nothing was sent then), and the
     * caller's own claim decides whether to try again.
     */
    public static AwsJsonApi sesV2() {
        return new AwsJsonApi(AwsJsonApi.SES_V2, httpClient(), Credentials.DEFAULT);
    }

    /** An SQS client on the shared HTTP client, with the call timeouts above. */
    public static SqsClient sqs() {
        return SqsClient.builder()
                .httpClient(httpClient())
                .overrideConfiguration(timeouts())
                .build();
    }

    /**
     * Secrets Manager on the shared HTTP client; {@code SecretsManagerSource} bounds each attempt
     * by {@link #API_CALL_ATTEMPT_TIMEOUT} and all of them by {@link #API_CALL_TIMEOUT}, and
     * retries.
     */
    public static AwsJsonApi secretsManager() {
        return new AwsJsonApi(AwsJsonApi.SECRETS_MANAGER, httpClient(), Credentials.DEFAULT);
    }

    /**
     * The SDK's default credentials chain, one per container for the calls made without a client.
     */
    private static final class Credentials {
        static final AwsCredentialsProvider DEFAULT = DefaultCredentialsProvider.builder().build();
    }

    private static ClientOverrideConfiguration timeouts() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(API_CALL_TIMEOUT)
                .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                .build();
    }
}

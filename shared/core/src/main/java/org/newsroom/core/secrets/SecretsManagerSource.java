package org.newsroom.core.secrets;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.aws.AwsJsonApi;
import org.newsroom.core.aws.Lazy;
import org.newsroom.core.json.JsonFieldReader;
import org.newsroom.core.json.JsonObjectWriter;
import org.newsroom.core.time.Sleeper;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads the {@code AWSCURRENT} string value of a secret from AWS Secrets Manager ({@code
 * GetSecretValue}). Built from a supplier, the API is made on the first read: a function whose
 * first request needs no secret (a new issue's draft, most page views) resolves nothing at its cold
 * start.
 *
 * <p>Retried as an SDK client retries by default: up to {@value #ATTEMPTS} attempts when the
 * service throttles, fails on its side (5xx) or does not answer, with exponential backoff and
 * jitter (from 0.5 s after throttling, 0.1 s otherwise). Each attempt is given up after {@link
 * AwsClients#API_CALL_ATTEMPT_TIMEOUT}, and a retry starts only if it ends, at the latest, within
 * {@link AwsClients#API_CALL_TIMEOUT} of the first attempt's start. A refusal (no such secret,
 * access denied) is not retried.
 */
public final class SecretsManagerSource implements SecretSource {

    static final int ATTEMPTS = 3;
    static final long FIRST_BACKOFF_MILLIS = 100;
    static final long THROTTLED_BACKOFF_MILLIS = 500;

    private static final Map<String, String> HEADERS =
            Map.of(
                    "Content-Type", "application/x-amz-json-1.1",
                    "X-Amz-Target", "secretsmanager.GetSecretValue");

    private static final Set<String> THROTTLING =
            Set.of(
                    "ThrottlingException",
                    "Throttling",
                    "TooManyRequestsException",
                    "RequestLimitExceeded",
                    "RequestThrottled",
                    "RequestThrottledException");

    private final Supplier<AwsJsonApi> api;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    public SecretsManagerSource(Supplier<AwsJsonApi> factory) {
        this(factory, Thread::sleep, System::nanoTime);
    }

    /** With the waits and the clock given (tests). */
    public SecretsManagerSource(
            Supplier<AwsJsonApi> factory, Sleeper sleeper, LongSupplier nanoTime) {
        this.api = Lazy.of(factory);
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public String read(String secretId) {
        byte[] request = request(secretId);
        long started = nanoTime.getAsLong();
        for (int attempt = 1; ; attempt++) {
            AwsServiceException refused = null;
            IOException unanswered = null;
            boolean throttled = false;
            try {
                AwsJsonApi.Reply reply =
                        api.get().post("/", HEADERS, request, AwsClients.API_CALL_ATTEMPT_TIMEOUT);
                if (reply.ok()) {
                    return secretString(secretId, reply.body());
                }
                refused = reply.exception();
                throttled = THROTTLING.contains(reply.errorCode());
                if (!retryable(reply)) {
                    throw unavailable(secretId, refused);
                }
            } catch (IOException e) {
                unanswered = e;
            } catch (SdkException e) {
                // Nothing was sent: no credentials, no region, no endpoint.
                throw unavailable(secretId, e);
            }
            long base =
                    (throttled ? THROTTLED_BACKOFF_MILLIS : FIRST_BACKOFF_MILLIS) << (attempt - 1);
            long wait = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
            if (attempt >= ATTEMPTS || !timeLeftFor(started, wait)) {
                throw unavailable(secretId, refused != null ? refused : unanswered);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new SecretUnavailableException(
                        "Interrupted while reading secret " + secretId, interrupted);
            }
        }
    }

    /**
     * Names the secret and the failure's kind (an error code, an exception type), never a value.
     */
    private static SecretUnavailableException unavailable(String secretId, Exception cause) {
        String kind =
                cause instanceof AwsServiceException refused
                        ? refused.awsErrorDetails().errorMessage()
                        : cause.getClass().getSimpleName();
        return new SecretUnavailableException(
                "Could not read secret " + secretId + ": " + kind, cause);
    }

    private static boolean retryable(AwsJsonApi.Reply reply) {
        return reply.status() >= 500
                || reply.status() == 429
                || THROTTLING.contains(reply.errorCode());
    }

    /**
     * Whether an attempt started after {@code wait} ends, at the latest, within the call's time.
     */
    private boolean timeLeftFor(long started, long wait) {
        Duration spent = Duration.ofNanos(nanoTime.getAsLong() - started);
        return spent.plusMillis(wait)
                        .plus(AwsClients.API_CALL_ATTEMPT_TIMEOUT)
                        .compareTo(AwsClients.API_CALL_TIMEOUT)
                <= 0;
    }

    private static byte[] request(String secretId) {
        return JsonObjectWriter.utf8(64 + secretId.length()).put("SecretId", secretId).toUtf8();
    }

    private static String secretString(String secretId, byte[] body) {
        try (JsonFieldReader reader = JsonFieldReader.of(body)) {
            if (reader.startObject()) {
                for (String field = reader.nextField(); field != null; field = reader.nextField()) {
                    if (field.equals("SecretString") && !reader.isNull()) {
                        return reader.text();
                    }
                    reader.skip();
                }
            }
        } catch (RuntimeException e) {
            throw new SecretUnavailableException(
                    "Secret " + secretId + ": the service's answer is not JSON", e);
        }
        throw new SecretUnavailableException(
                "Secret " + secretId + " has no string value (binary secrets are not used)");
    }
}

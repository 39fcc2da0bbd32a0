package org.newsroom.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.newsroom.core.aws.AwsJsonApi;
import org.newsroom.core.aws.ScriptedHttp;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class SecretsManagerSourceTest {

    private static final String NOT_FOUND =
            "{\"__type\":\"ResourceNotFoundException\","
                    + "\"Message\":\"Secrets Manager can't find the specified secret.\"}";

    private final ScriptedHttp http = new ScriptedHttp();
    private final List<Long> sleeps = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();

    private SecretsManagerSource source() {
        return new SecretsManagerSource(
                () -> http.api(AwsJsonApi.SECRETS_MANAGER), sleeps::add, now::get);
    }

    @Test
    void read_shouldAskForTheSecretById_andReturnItsString() {
        http.reply(
                200,
                "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:1:secret:stack/pepper-AbCd\","
                        + "\"Name\":\"stack/pepper\",\"SecretString\":\"s3cr\\\"et\","
                        + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}");

        assertEquals("s3cr\"et", source().read("stack/pepper"));

        ScriptedHttp.Sent sent = http.sent().get(0);
        assertEquals("{\"SecretId\":\"stack/pepper\"}", sent.bodyText());
        assertEquals("secretsmanager.GetSecretValue", sent.header("X-Amz-Target"));
        assertEquals("application/x-amz-json-1.1", sent.header("Content-Type"));
    }

    @Test
    void read_shouldMakeTheApiOnce_onTheFirstRead_forEverySecretReadThroughIt() {
        http.reply(200, "{\"SecretString\":\"one\"}").reply(200, "{\"SecretString\":\"two\"}");
        AtomicInteger made = new AtomicInteger();
        SecretsManagerSource source =
                new SecretsManagerSource(
                        () -> {
                            made.incrementAndGet();
                            return http.api(AwsJsonApi.SECRETS_MANAGER);
                        });
        CachedSecret<String> first =
                new SecretSetting("pepper", Duration.ofMinutes(5)).open(source, s -> s);
        CachedSecret<String> second =
                new SecretSetting("token-keys", Duration.ofMinutes(5)).open(source, s -> s);
        assertEquals(0, made.get(), "nothing made before the first read");

        assertEquals("one", first.get());
        assertEquals("two", second.get());

        assertEquals(1, made.get());
        assertEquals(
                List.of("{\"SecretId\":\"pepper\"}", "{\"SecretId\":\"token-keys\"}"),
                http.sent().stream().map(ScriptedHttp.Sent::bodyText).toList());
    }

    @Test
    void read_shouldNameTheSecretAndTheCode_butNotTheServicesMessage_whenRefused() {
        http.reply(400, NOT_FOUND);

        SecretUnavailableException e =
                assertThrows(SecretUnavailableException.class, () -> source().read("stack/pepper"));

        assertTrue(e.getMessage().contains("stack/pepper"), e.getMessage());
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
        assertFalse(e.getMessage().contains("can't find"), e.getMessage());
        assertEquals(
                "ResourceNotFoundException",
                assertInstanceOf(AwsServiceException.class, e.getCause())
                        .awsErrorDetails()
                        .errorCode(),
                "the logs read the code from the cause");
        assertEquals(1, http.sent().size(), "a refusal is not retried");
        assertEquals(List.of(), sleeps);
    }

    @Test
    void read_shouldRetryThrottlingAndServerErrorsAndTimeouts_withGrowingWaits() {
        http.reply(400, "{\"__type\":\"ThrottlingException\"}")
                .reply(503, "")
                .reply(200, "{\"SecretString\":\"value\"}");

        assertEquals("value", source().read("stack/pepper"));
        assertEquals(3, http.sent().size());
        assertEquals(2, sleeps.size());
        // After throttling from 0.5 s (halved by jitter), otherwise from 0.1 s, doubling.
        assertTrue(sleeps.get(0) >= 250 && sleeps.get(0) <= 500, sleeps.toString());
        assertTrue(sleeps.get(1) >= 100 && sleeps.get(1) <= 200, sleeps.toString());
    }

    @Test
    void read_shouldGiveUp_afterThreeAttempts() {
        http.fail(new ConnectException("Connection refused"))
                .fail(new SocketTimeoutException("Read timed out"))
                .reply(500, "{\"__type\":\"InternalServiceError\"}");

        SecretUnavailableException e =
                assertThrows(SecretUnavailableException.class, () -> source().read("stack/pepper"));

        assertEquals(SecretsManagerSource.ATTEMPTS, http.sent().size());
        assertTrue(e.getMessage().contains("InternalServiceError"), e.getMessage());
    }

    @Test
    void read_shouldNotStartAnAttempt_thatCouldNotEndWithinTheCallsTime() {
        // The first attempt waited out its read timeout: another could run past the 10 s.
        http.fail(new SocketTimeoutException("Read timed out"));
        SecretsManagerSource source =
                new SecretsManagerSource(
                        () -> http.api(AwsJsonApi.SECRETS_MANAGER),
                        sleeps::add,
                        () -> http.sent().isEmpty() ? 0 : Duration.ofSeconds(6).toNanos());

        SecretUnavailableException e =
                assertThrows(SecretUnavailableException.class, () -> source.read("stack/pepper"));

        assertEquals(1, http.sent().size());
        assertInstanceOf(SocketTimeoutException.class, e.getCause());
        assertTrue(e.getMessage().contains("SocketTimeoutException"), e.getMessage());
    }

    @Test
    void read_shouldRetry_afterAnAttemptThatTimedOut() {
        // The attempt's own limit (4 s) ran out: a second one still ends within the 10 s.
        http.fail(new AwsJsonApiTimeout()).reply(200, "{\"SecretString\":\"value\"}");
        SecretsManagerSource source =
                new SecretsManagerSource(
                        () -> http.api(AwsJsonApi.SECRETS_MANAGER),
                        sleeps::add,
                        () -> http.sent().isEmpty() ? 0 : Duration.ofMillis(4_050).toNanos());

        assertEquals("value", source.read("stack/pepper"));
        assertEquals(2, http.sent().size());
    }

    /** How a timed-out attempt fails (AwsJsonApi's timeout is an InterruptedIOException). */
    private static final class AwsJsonApiTimeout extends java.io.InterruptedIOException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void read_shouldRefuseABinarySecret() {
        http.reply(200, "{\"Name\":\"stack/pepper\",\"SecretBinary\":\"AAEC\"}");

        SecretUnavailableException e =
                assertThrows(SecretUnavailableException.class, () -> source().read("stack/pepper"));

        assertTrue(e.getMessage().contains("no string value"), e.getMessage());
    }
}

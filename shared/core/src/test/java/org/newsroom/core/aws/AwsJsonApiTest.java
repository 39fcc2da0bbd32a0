package org.newsroom.core.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

class AwsJsonApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final byte[] BODY =
            "{\"SecretId\":\"stack/pepper\"}".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> HEADERS =
            Map.of(
                    "Content-Type", "application/x-amz-json-1.1",
                    "X-Amz-Target", "secretsmanager.GetSecretValue");

    @Test
    void post_shouldSendTheBodySignedForTheServiceAndRegion() throws Exception {
        ScriptedHttp http = new ScriptedHttp().reply(200, "{}");
        AwsJsonApi.Reply reply =
                http.api(AwsJsonApi.SECRETS_MANAGER).post("/", HEADERS, BODY, TIMEOUT);

        assertTrue(reply.ok());
        ScriptedHttp.Sent sent = http.sent().get(0);
        assertEquals(SdkHttpMethod.POST, sent.request().method());
        assertEquals(URI.create("https://secretsmanager.example.test/"), sent.request().getUri());
        assertArrayEquals(BODY, sent.body());
        assertEquals(Integer.toString(BODY.length), sent.header("Content-Length"));
        assertEquals("secretsmanager.GetSecretValue", sent.header("X-Amz-Target"));
        Matcher authorization =
                Pattern.compile(
                                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/(\\d{8})/eu-west-1/"
                                        + "secretsmanager/aws4_request, SignedHeaders=([^,]+),"
                                        + " Signature=[0-9a-f]{64}")
                        .matcher(sent.header("Authorization"));
        assertTrue(authorization.matches(), sent.header("Authorization"));
        assertTrue(sent.header("X-Amz-Date").startsWith(authorization.group(1)));
        List<String> signed = List.of(authorization.group(2).split(";"));
        assertTrue(
                signed.containsAll(List.of("content-type", "host", "x-amz-date", "x-amz-target")),
                signed.toString());
    }

    @Test
    void post_shouldSignWithSesAsTheServiceName_atTheEndpointsPath() throws Exception {
        ScriptedHttp http = new ScriptedHttp().reply(200, "{\"MessageId\":\"m1\"}");
        AwsJsonApi ses =
                new AwsJsonApi(
                        AwsJsonApi.SES_V2,
                        http,
                        StaticCredentialsProvider.create(
                                AwsSessionCredentials.create("AKID", "secret", "session-token")),
                        Region.US_EAST_1,
                        URI.create("http://127.0.0.1:4566/base/"));

        ses.post(
                "/v2/email/outbound-emails",
                Map.of("Content-Type", "application/json"),
                BODY,
                TIMEOUT);

        ScriptedHttp.Sent sent = http.sent().get(0);
        assertEquals(
                URI.create("http://127.0.0.1:4566/base/v2/email/outbound-emails"),
                sent.request().getUri());
        assertTrue(
                sent.header("Authorization").contains("/us-east-1/ses/aws4_request"),
                sent.header("Authorization"));
        assertEquals("session-token", sent.header("X-Amz-Security-Token"));
    }

    @Test
    void post_shouldReadTheErrorCode_fromTheErrorTypeHeader() throws Exception {
        ScriptedHttp http =
                new ScriptedHttp()
                        .reply(
                                429,
                                "{\"message\":\"Maximum sending rate exceeded.\"}",
                                "x-amzn-ErrorType",
                                "TooManyRequestsException:http://internal.amazon.com/coral/");
        AwsJsonApi.Reply reply = http.api(AwsJsonApi.SES_V2).post("/", HEADERS, BODY, TIMEOUT);

        assertFalse(reply.ok());
        assertEquals(429, reply.status());
        assertEquals("TooManyRequestsException", reply.errorCode());
    }

    @Test
    void post_shouldReadTheErrorCode_fromTheBody_whenNoHeaderNamesIt() throws Exception {
        ScriptedHttp http =
                new ScriptedHttp()
                        .reply(
                                400,
                                "{\"Message\":\"no such secret\",\"__type\":"
                                        + "\"com.amazonaws.secretsmanager#ResourceNotFoundException\"}")
                        .reply(400, "{\"code\":\"ThrottlingException\"}")
                        .reply(502, "<html>Bad gateway</html>")
                        .reply(500, "");
        AwsJsonApi api = http.api(AwsJsonApi.SECRETS_MANAGER);

        assertEquals(
                "ResourceNotFoundException", api.post("/", HEADERS, BODY, TIMEOUT).errorCode());
        assertEquals("ThrottlingException", api.post("/", HEADERS, BODY, TIMEOUT).errorCode());
        assertEquals("", api.post("/", HEADERS, BODY, TIMEOUT).errorCode());
        AwsJsonApi.Reply empty = api.post("/", HEADERS, BODY, TIMEOUT);
        assertEquals("", empty.errorCode());
        assertEquals(500, empty.status());
    }

    @Test
    void exception_shouldCarryTheCodeAndStatus_butNotTheServicesMessage() throws Exception {
        ScriptedHttp http =
                new ScriptedHttp()
                        .reply(
                                400,
                                "{\"message\":\"Email address is not verified: reader@example.org\"}",
                                "x-amzn-ErrorType",
                                "MessageRejected");
        AwsServiceException e =
                http.api(AwsJsonApi.SES_V2).post("/", HEADERS, BODY, TIMEOUT).exception();

        assertEquals(400, e.statusCode());
        assertEquals("MessageRejected", e.awsErrorDetails().errorCode());
        assertFalse(e.getMessage().contains("reader@example.org"), e.getMessage());
    }

    @Test
    void post_shouldLetAFailedConnectionThrough() {
        SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");
        ScriptedHttp http = new ScriptedHttp().fail(timeout);
        AwsJsonApi api = http.api(AwsJsonApi.SES_V2);

        assertSame(
                timeout,
                assertThrows(
                        SocketTimeoutException.class, () -> api.post("/", HEADERS, BODY, TIMEOUT)));
    }

    @Test
    void post_shouldCloseTheCall_whenItsTimeRunsOut() {
        ScriptedHttp http = new ScriptedHttp().hang();
        AwsJsonApi api = http.api(AwsJsonApi.SES_V2);

        AwsJsonApi.CallTimeoutException e =
                assertThrows(
                        AwsJsonApi.CallTimeoutException.class,
                        () -> api.post("/", HEADERS, BODY, Duration.ofMillis(50)));

        assertTrue(http.aborted(), "the connection was closed");
        assertTrue(e.getMessage().contains("50 ms"), e.getMessage());
    }

    @Test
    void prime_shouldSignWithoutSending() {
        ScriptedHttp http = new ScriptedHttp();
        http.api(AwsJsonApi.SES_V2).prime();
        assertEquals(List.of(), http.sent());
    }

    @Test
    void endpointAndRegion_shouldComeFromTheSdksOwnSettings_perService() throws Exception {
        String region = System.getProperty("aws.region");
        String ses = System.getProperty("aws.endpointUrlSesV2");
        String secrets = System.getProperty("aws.endpointUrlSecretsManager");
        try {
            System.setProperty("aws.region", "ap-southeast-2");
            System.setProperty("aws.endpointUrlSesV2", "http://127.0.0.1:9001");
            System.setProperty("aws.endpointUrlSecretsManager", "http://127.0.0.1:9002");
            ScriptedHttp http = new ScriptedHttp().reply(200, "{}");
            StaticCredentialsProvider keys =
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s"));
            AwsJsonApi sesApi = new AwsJsonApi(AwsJsonApi.SES_V2, http, keys);
            AwsJsonApi secretsApi = new AwsJsonApi(AwsJsonApi.SECRETS_MANAGER, http, keys);

            assertEquals(URI.create("http://127.0.0.1:9001"), sesApi.endpoint());
            assertEquals(URI.create("http://127.0.0.1:9002"), secretsApi.endpoint());
            sesApi.post("/v2/email/outbound-emails", HEADERS, BODY, TIMEOUT);
            ScriptedHttp.Sent sent = http.sent().get(0);
            assertEquals(
                    URI.create("http://127.0.0.1:9001/v2/email/outbound-emails"),
                    sent.request().getUri());
            assertTrue(sent.header("Authorization").contains("/ap-southeast-2/ses/aws4_request"));
        } finally {
            restore("aws.region", region);
            restore("aws.endpointUrlSesV2", ses);
            restore("aws.endpointUrlSecretsManager", secrets);
        }
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}

package org.newsroom.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.core.aws.AwsJsonApi;
import org.newsroom.core.aws.ScriptedHttp;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class SesMailSenderTest {

    private static final Email EMAIL = Email.of("a@example.org", "b@example.org", "s", "t", "h");
    private static final String THROTTLED =
            "TooManyRequestsException:http://internal.amazon.com/coral/com.amazon.bacon/";

    private final ScriptedHttp http = new ScriptedHttp();
    private final List<Long> sleeps = new ArrayList<>();

    private SesMailSender sender() {
        return new SesMailSender(
                http.api(AwsJsonApi.SES_V2),
                "newsroom-set",
                Clock.fixed(Instant.parse("2026-11-26T09:30:00Z"), ZoneOffset.UTC),
                sleeps::add);
    }

    @Test
    void send_shouldSendRawContentThroughTheConfigurationSet() {
        http.reply(200, "{\"MessageId\":\"m1\"}");
        sender().send(
                        Email.of(
                                "news@example.org",
                                "reader@example.org",
                                "Subject",
                                "text body",
                                "<p>html</p>"));

        ScriptedHttp.Sent sent = http.sent().get(0);
        assertEquals("/v2/email/outbound-emails", sent.request().encodedPath());
        assertEquals("application/json", sent.header("Content-Type"));
        JsonNode request = Json.read(sent.body());
        assertEquals("news@example.org", request.get("FromEmailAddress").asText());
        assertEquals("newsroom-set", request.get("ConfigurationSetName").asText());
        assertEquals(1, request.get("Destination").get("ToAddresses").size());
        assertEquals(
                "reader@example.org",
                request.get("Destination").get("ToAddresses").get(0).asText());
        String raw =
                new String(
                        Base64.getDecoder()
                                .decode(request.get("Content").get("Raw").get("Data").asText()),
                        StandardCharsets.UTF_8);
        assertTrue(raw.contains("Subject: Subject\r\n"), raw);
        assertTrue(raw.contains("Date: Thu, 26 Nov 2026 09:30:00 GMT\r\n"), raw);
        assertTrue(raw.contains("Content-Type: text/plain; charset=UTF-8"), raw);
        assertTrue(raw.contains("Content-Type: text/html; charset=UTF-8"), raw);
    }

    @Test
    void send_shouldBackOffAndRetry_whenThrottled() {
        http.reply(429, "{}", "x-amzn-ErrorType", THROTTLED).reply(200, "{\"MessageId\":\"m1\"}");
        sender().send(EMAIL);
        assertEquals(2, http.sent().size());
        assertEquals(1, sleeps.size());
        assertEquals(http.sent().get(0).bodyText(), http.sent().get(1).bodyText(), "same email");
    }

    @Test
    void send_shouldBackOff_whenTheDailyQuotaOrRateLimitIsHit() {
        http.reply(400, "{}", "x-amzn-ErrorType", "LimitExceededException")
                .reply(200, "{\"MessageId\":\"m1\"}");
        sender().send(EMAIL);
        assertEquals(2, http.sent().size());
    }

    @Test
    void send_shouldGiveUpRetryably_afterRepeatedThrottling() {
        for (int i = 0; i < SesMailSender.THROTTLE_ATTEMPTS; i++) {
            http.reply(429, "{}", "x-amzn-ErrorType", THROTTLED);
        }
        MailException e = assertThrows(MailException.class, () -> sender().send(EMAIL));
        assertTrue(e.retryable());
        assertFalse(e.mayHaveBeenSent());
        assertEquals(SesMailSender.THROTTLE_ATTEMPTS, http.sent().size());
        assertEquals(SesMailSender.THROTTLE_ATTEMPTS - 1, sleeps.size());
        assertTrue(sleeps.get(1) >= sleeps.get(0), "backoff grows");
        assertEquals(
                "TooManyRequestsException",
                assertInstanceOf(AwsServiceException.class, e.getCause())
                        .awsErrorDetails()
                        .errorCode());
    }

    @Test
    void send_shouldSayTheEmailMayHaveBeenSent_whenTheCallTimesOut() {
        http.fail(new SocketTimeoutException("Read timed out"));
        MailException e = assertThrows(MailException.class, () -> sender().send(EMAIL));
        assertTrue(e.retryable());
        assertTrue(e.mayHaveBeenSent(), "SES may have accepted it before the timeout");
        assertEquals(1, http.sent().size(), "never sent again by the sender itself");
    }

    @Test
    void send_shouldSayNothingWasSent_whenSesCouldNotBeReached() {
        http.fail(new ConnectException("Connection refused"));
        MailException e = assertThrows(MailException.class, () -> sender().send(EMAIL));
        assertTrue(e.retryable());
        assertFalse(e.mayHaveBeenSent());
    }

    @Test
    void send_shouldSayNothingWasSent_whenConnectingTimedOut() {
        http.fail(new SocketTimeoutException("Connect timed out"));
        MailException e = assertThrows(MailException.class, () -> sender().send(EMAIL));
        assertTrue(e.retryable());
        assertFalse(e.mayHaveBeenSent(), "no byte left before the connection was made");
    }

    @Test
    void send_shouldSayTheEmailMayHaveBeenSent_whenTheWholeCallRanOutOfTime() {
        http.hang();
        SesMailSender sender =
                new SesMailSender(
                        http.api(AwsJsonApi.SES_V2),
                        "newsroom-set",
                        Clock.systemUTC(),
                        sleeps::add,
                        Duration.ofMillis(50));
        MailException e = assertThrows(MailException.class, () -> sender.send(EMAIL));
        assertTrue(e.retryable());
        assertTrue(e.mayHaveBeenSent());
        assertTrue(http.aborted());
    }

    @Test
    void send_shouldSayNothingWasSent_whenSesAnswersWithAnError() {
        http.reply(
                400,
                "{\"message\":\"Account suspended\"}",
                "x-amzn-ErrorType",
                "AccountSuspendedException");
        MailException e = assertThrows(MailException.class, () -> sender().send(EMAIL));
        assertTrue(e.retryable());
        assertFalse(e.mayHaveBeenSent());
        assertEquals(1, http.sent().size());
    }

    @Test
    void send_shouldSayTheEmailMayHaveBeenSent_whenSesFailsOnItsSide() {
        http.reply(500, "{\"message\":\"oops\"}", "x-amzn-ErrorType", "InternalFailure");
        MailException e = assertThrows(MailException.class, () -> sender().send(EMAIL));
        assertTrue(e.retryable());
        assertTrue(e.mayHaveBeenSent(), "a 5xx does not say SES had not accepted it first");
        assertEquals(1, http.sent().size());
    }

    @Test
    void send_shouldNotRetry_aRejectedMessage() {
        http.reply(
                400,
                "{\"message\":\"Email address is not verified: b@example.org\"}",
                "x-amzn-ErrorType",
                "MessageRejected");
        MailException e = assertThrows(MailException.class, () -> sender().send(EMAIL));
        assertFalse(e.retryable());
        assertFalse(e.mayHaveBeenSent());
        assertTrue(sleeps.isEmpty());
        assertFalse(e.getCause().getMessage().contains("b@example.org"), "no address in a log");
    }

    @Test
    void send_shouldNotRetry_aBadRequest() {
        http.reply(400, "{\"message\":\"bad\"}", "x-amzn-ErrorType", "BadRequestException");
        MailException e = assertThrows(MailException.class, () -> sender().send(EMAIL));
        assertFalse(e.retryable());
        assertEquals(1, http.sent().size());
    }
}

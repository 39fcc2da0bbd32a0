package org.newsroom.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

@ExtendWith(MockitoExtension.class)
class SesMailSenderTest {

    @Mock SesV2Client ses;

    private static final Email EMAIL = Email.of("a@example.org", "b@example.org", "s", "t", "h");

    private final List<Long> sleeps = new ArrayList<>();

    private SesMailSender sender() {
        return new SesMailSender(
                ses,
                "newsroom-set",
                Clock.fixed(Instant.parse("2026-11-26T09:30:00Z"), ZoneOffset.UTC),
                sleeps::add);
    }

    @Test
    @SuppressWarnings("unchecked")
    void send_shouldSendRawContentThroughTheConfigurationSet() {
        when(ses.sendEmail(any(Consumer.class)))
                .thenReturn(SendEmailResponse.builder().messageId("m1").build());
        sender().send(
                        Email.of(
                                "news@example.org",
                                "reader@example.org",
                                "Subject",
                                "text body",
                                "<p>html</p>"));
        ArgumentCaptor<Consumer<SendEmailRequest.Builder>> captor =
                ArgumentCaptor.forClass(Consumer.class);
        verify(ses).sendEmail(captor.capture());
        SendEmailRequest.Builder builder = SendEmailRequest.builder();
        captor.getValue().accept(builder);
        SendEmailRequest request = builder.build();
        assertEquals("newsroom-set", request.configurationSetName());
        assertEquals(List.of("reader@example.org"), request.destination().toAddresses());
        String raw = request.content().raw().data().asUtf8String();
        assertTrue(raw.contains("Subject: Subject\r\n"), raw);
        assertTrue(raw.contains("Date: Thu, 26 Nov 2026 09:30:00 GMT\r\n"), raw);
        assertTrue(raw.contains("Content-Type: text/plain; charset=UTF-8"), raw);
        assertTrue(raw.contains("Content-Type: text/html; charset=UTF-8"), raw);
    }

    @Test
    @SuppressWarnings("unchecked")
    void send_shouldBackOffAndRetry_whenThrottled() {
        when(ses.sendEmail(any(Consumer.class)))
                .thenThrow(TooManyRequestsException.builder().message("slow down").build())
                .thenReturn(SendEmailResponse.builder().messageId("m1").build());
        sender().send(EMAIL);
        verify(ses, times(2)).sendEmail(any(Consumer.class));
        assertEquals(1, sleeps.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void send_shouldGiveUpRetryably_afterRepeatedThrottling() {
        when(ses.sendEmail(any(Consumer.class)))
                .thenThrow(TooManyRequestsException.builder().message("slow down").build());
        MailException e = assertThrows(MailException.class, () -> sender().send(EMAIL));
        assertTrue(e.retryable());
        assertEquals(SesMailSender.THROTTLE_ATTEMPTS - 1, sleeps.size());
        assertTrue(sleeps.get(1) >= sleeps.get(0), "backoff grows");
    }

    @Test
    @SuppressWarnings("unchecked")
    void send_shouldSayTheEmailMayHaveBeenSent_whenTheCallTimesOut() {
        when(ses.sendEmail(any(Consumer.class)))
                .thenThrow(ApiCallTimeoutException.builder().message("10 s").build());
        MailException e = assertThrows(MailException.class, () -> sender().send(EMAIL));
        assertTrue(e.retryable());
        assertTrue(e.mayHaveBeenSent(), "SES may have accepted it before the timeout");
        verify(ses, times(1)).sendEmail(any(Consumer.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void send_shouldSayNothingWasSent_whenSesCouldNotBeReached() {
        when(ses.sendEmail(any(Consumer.class)))
                .thenThrow(
                        SdkClientException.builder()
                                .message("Unable to execute HTTP request")
                                .cause(new ConnectException("Connection refused"))
                                .build());
        MailException e = assertThrows(MailException.class, () -> sender().send(EMAIL));
        assertTrue(e.retryable());
        assertFalse(e.mayHaveBeenSent());
    }

    @Test
    @SuppressWarnings("unchecked")
    void send_shouldSayNothingWasSent_whenSesAnswersWithAnError() {
        when(ses.sendEmail(any(Consumer.class)))
                .thenThrow(SesV2Exception.builder().statusCode(500).message("oops").build());
        MailException e = assertThrows(MailException.class, () -> sender().send(EMAIL));
        assertTrue(e.retryable());
        assertFalse(e.mayHaveBeenSent());
    }

    @Test
    @SuppressWarnings("unchecked")
    void send_shouldNotRetry_aRejectedMessage() {
        when(ses.sendEmail(any(Consumer.class)))
                .thenThrow(MessageRejectedException.builder().message("no").build());
        MailException e = assertThrows(MailException.class, () -> sender().send(EMAIL));
        assertFalse(e.retryable());
        assertFalse(e.mayHaveBeenSent());
        assertTrue(sleeps.isEmpty());
    }
}

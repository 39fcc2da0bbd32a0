package org.newsroom.newsletters.mailer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class SesMailSenderTest {

    @Mock
    SesV2Client ses;

    private final List<Long> sleeps = new ArrayList<>();

    private SesMailSender sender() {
        return new SesMailSender(ses, "newsroom-set", sleeps::add);
    }

    @Test
    @SuppressWarnings("unchecked")
    void send_shouldSendRawContentThroughTheConfigurationSet() {
        when(ses.sendEmail(any(Consumer.class))).thenReturn(SendEmailResponse.builder().messageId("m1").build());
        sender().send("news@example.org", "reader@example.org", "raw".getBytes(StandardCharsets.US_ASCII));
        ArgumentCaptor<Consumer<SendEmailRequest.Builder>> captor = ArgumentCaptor.forClass(Consumer.class);
        verify(ses).sendEmail(captor.capture());
        SendEmailRequest.Builder builder = SendEmailRequest.builder();
        captor.getValue().accept(builder);
        SendEmailRequest request = builder.build();
        assertEquals("newsroom-set", request.configurationSetName());
        assertEquals(List.of("reader@example.org"), request.destination().toAddresses());
        assertEquals("raw", request.content().raw().data().asUtf8String());
    }

    @Test
    @SuppressWarnings("unchecked")
    void send_shouldBackOffAndRetry_whenThrottled() {
        when(ses.sendEmail(any(Consumer.class)))
                .thenThrow(TooManyRequestsException.builder().message("slow down").build())
                .thenReturn(SendEmailResponse.builder().messageId("m1").build());
        sender().send("news@example.org", "reader@example.org", new byte[0]);
        verify(ses, times(2)).sendEmail(any(Consumer.class));
        assertEquals(1, sleeps.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void send_shouldGiveUpRetryably_afterRepeatedThrottling() {
        when(ses.sendEmail(any(Consumer.class))).thenThrow(TooManyRequestsException.builder().message("slow down").build());
        MailSendException e = assertThrows(MailSendException.class, () -> sender().send("a@example.org", "b@example.org", new byte[0]));
        assertTrue(e.retryable());
        assertEquals(SesMailSender.THROTTLE_ATTEMPTS - 1, sleeps.size());
        assertTrue(sleeps.get(1) >= sleeps.get(0), "backoff grows");
    }

    @Test
    @SuppressWarnings("unchecked")
    void send_shouldNotRetry_aRejectedMessage() {
        when(ses.sendEmail(any(Consumer.class))).thenThrow(MessageRejectedException.builder().message("no").build());
        MailSendException e = assertThrows(MailSendException.class, () -> sender().send("a@example.org", "b@example.org", new byte[0]));
        assertFalse(e.retryable());
        assertTrue(sleeps.isEmpty());
    }
}

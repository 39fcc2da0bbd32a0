package org.newsroom.memberships.gifts;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Log;
import org.newsroom.memberships.Email;
import org.newsroom.memberships.GiftEmails;
import org.newsroom.memberships.GiftMailer;
import org.newsroom.memberships.GiftPurchase;
import org.newsroom.memberships.MailSender;
import org.newsroom.memberships.MembershipService;
import org.newsroom.memberships.testing.InMemoryMembershipRepository;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class GiftMailerHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final InMemoryMembershipRepository repository = new InMemoryMembershipRepository();
    private final List<Email> outbox = new ArrayList<>();
    private final Log log = new Log("gift-mailer", new PrintStream(new ByteArrayOutputStream()));

    private GiftMailerHandler handlerAt(Instant now, MailSender sender) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new GiftMailerHandler(new GiftMailer(repository, sender,
                new GiftEmails("The Ledger", "https://example.org/gift"), clock, log), log);
    }

    private static Map<String, Object> scheduledEvent() throws IOException {
        return Json.mapper().readValue(Files.readString(Path.of("../../events/gift-mailer/scheduled.json")),
                new TypeReference<Map<String, Object>>() { });
    }

    @Test
    void run_shouldSendRecipientOnDeliveryDate_andReceiptAtOnce() throws IOException {
        new MembershipService(repository, Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC)).recordGift("evt_1",
                new GiftPurchase("pi_1", Optional.of("buyer@example.org"), "friend@example.org", Optional.of("Sam"),
                        Optional.of("Enjoy"), Optional.of(LocalDate.parse("2026-12-24")), NOW));

        assertEquals(Map.of("sent", 1, "skipped", 0, "failed", 0), handlerAt(NOW, outbox::add).handleRequest(scheduledEvent(), null));
        assertEquals(List.of("buyer@example.org"), outbox.stream().map(Email::to).toList());

        assertEquals(Map.of("sent", 0, "skipped", 0, "failed", 0),
                handlerAt(Instant.parse("2026-12-23T23:59:59Z"), outbox::add).handleRequest(scheduledEvent(), null));
        assertEquals(Map.of("sent", 1, "skipped", 0, "failed", 0),
                handlerAt(Instant.parse("2026-12-24T00:00:00Z"), outbox::add).handleRequest(scheduledEvent(), null));
        assertEquals(List.of("buyer@example.org", "friend@example.org"), outbox.stream().map(Email::to).toList());
    }

    @Test
    void run_shouldSendEachMailOnce_whenTwoRunsOverlap() throws Exception {
        for (int i = 0; i < 20; i++) {
            new MembershipService(repository, Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC)).recordGift("evt_" + i,
                    new GiftPurchase("pi_" + i, Optional.of("buyer@example.org"), "friend" + i + "@example.org",
                            Optional.empty(), Optional.empty(), Optional.empty(), NOW));
        }
        List<Email> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        GiftMailerHandler first = handlerAt(NOW, sent::add);
        GiftMailerHandler second = handlerAt(NOW, sent::add);
        Map<String, Object> event = scheduledEvent();
        Thread a = new Thread(() -> first.handleRequest(event, null));
        Thread b = new Thread(() -> second.handleRequest(event, null));
        a.start();
        b.start();
        a.join();
        b.join();
        handlerAt(NOW, sent::add).handleRequest(event, null);
        // 20 codes and 20 receipts, each job sent by exactly one of the runs: none twice, none left.
        assertEquals(40, sent.size());
        assertEquals(20, sent.stream().map(Email::to).filter(to -> to.startsWith("friend")).distinct().count());
        assertEquals(20, sent.stream().filter(e -> e.to().equals("buyer@example.org")).count());
        assertEquals(List.of(), repository.pendingJobs());
    }

    @Test
    void sesSender_shouldSendHtmlAndTextFromTheSender() {
        SesV2Client ses = mock(SesV2Client.class);
        when(ses.sendEmail(any(SendEmailRequest.class))).thenReturn(SendEmailResponse.builder().messageId("m1").build());
        new SesMailSender(ses, "news@example.org", Optional.of("newsroom")).send(new Email("a@example.org", "Subject", "<p>hi</p>", "hi"));
        ArgumentCaptor<SendEmailRequest> captor = ArgumentCaptor.forClass(SendEmailRequest.class);
        verify(ses).sendEmail(captor.capture());
        SendEmailRequest request = captor.getValue();
        assertEquals("news@example.org", request.fromEmailAddress());
        assertEquals(List.of("a@example.org"), request.destination().toAddresses());
        assertEquals("<p>hi</p>", request.content().simple().body().html().data());
        assertEquals("hi", request.content().simple().body().text().data());
        assertEquals("newsroom", request.configurationSetName());
    }

    @Test
    void sesSender_shouldWrapRejection_withCause() {
        SesV2Client ses = mock(SesV2Client.class);
        MessageRejectedException rejected = MessageRejectedException.builder().message("Email address not verified").build();
        when(ses.sendEmail(any(SendEmailRequest.class))).thenThrow(rejected);
        MailSender.MailException thrown = assertThrows(MailSender.MailException.class,
                () -> new SesMailSender(ses, "news@example.org", Optional.empty()).send(new Email("a@example.org", "S", "h", "t")));
        assertSame(rejected, thrown.getCause());
    }
}

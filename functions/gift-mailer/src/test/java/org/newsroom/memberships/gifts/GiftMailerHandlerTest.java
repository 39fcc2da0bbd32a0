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
import org.newsroom.memberships.MembershipRepository;
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
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class GiftMailerHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final InMemoryMembershipRepository repository = new InMemoryMembershipRepository();
    private final List<Email> outbox = new ArrayList<>();
    private final Log log = new Log("gift-mailer", new PrintStream(new ByteArrayOutputStream()));

    private GiftMailerHandler handlerAt(Instant now, MailSender sender) {
        return handlerAt(now, repository, sender);
    }

    private GiftMailerHandler handlerAt(Instant now, MembershipRepository repository, MailSender sender) {
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
    void run_shouldSendNothing_whenAnOverlappingRunClaimedItsJobsFirst() throws IOException {
        // Whether claims hold under real concurrency is GiftMailerOverlapIT's question, against the
        // emulator; here the worst interleaving is fixed: the second run starts and finishes after the
        // first has read the due jobs and before it claims any.
        InMemoryMembershipRepository shared = spy(new InMemoryMembershipRepository());
        new MembershipService(shared, Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC)).recordGift("evt_1",
                new GiftPurchase("pi_1", Optional.of("buyer@example.org"), "friend@example.org", Optional.empty(),
                        Optional.empty(), Optional.empty(), NOW));
        List<Email> sentByFirst = new ArrayList<>();
        List<Email> sentBySecond = new ArrayList<>();
        GiftMailerHandler first = handlerAt(NOW, shared, sentByFirst::add);
        GiftMailerHandler second = handlerAt(NOW, shared, sentBySecond::add);
        Map<String, Object> event = scheduledEvent();
        AtomicBoolean secondStarted = new AtomicBoolean();
        List<Map<String, Object>> secondSummary = new ArrayList<>();
        doAnswer(invocation -> {
            Object due = invocation.callRealMethod();
            if (secondStarted.compareAndSet(false, true)) {
                secondSummary.add(second.handleRequest(event, null));
            }
            return due;
        }).when(shared).dueMailJobs(any(), anyInt());

        Map<String, Object> firstSummary = first.handleRequest(event, null);

        assertEquals(List.of(Map.of("sent", 2, "skipped", 0, "failed", 0)), secondSummary);
        assertEquals(List.of("buyer@example.org", "friend@example.org"), sentBySecond.stream().map(Email::to).sorted().toList());
        assertEquals(Map.of("sent", 0, "skipped", 2, "failed", 0), firstSummary);
        assertEquals(List.of(), sentByFirst);
        assertEquals(List.of(), shared.pendingJobs());
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

package org.newsroom.memberships.gifts;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Log;
import org.newsroom.mail.Email;
import org.newsroom.mail.MailSender;
import org.newsroom.memberships.GiftPurchase;
import org.newsroom.memberships.testing.InMemoryMembershipTable;

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
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GiftMailerHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final InMemoryMembershipTable repository = new InMemoryMembershipTable();
    private final List<Email> outbox = new ArrayList<>();
    private final Log log = new Log("gift-mailer", new PrintStream(new ByteArrayOutputStream()));

    private GiftMailerHandler handlerAt(Instant now, MailSender sender) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new GiftMailerHandler(new GiftJobRunner(repository, repository, repository.service(clock), sender,
                new GiftEmails("\"The Ledger\" <news@example.org>", "The Ledger", "https://example.org/gift"), clock, log), log);
    }

    private static Map<String, Object> scheduledEvent() throws IOException {
        return Json.mapper().readValue(Files.readString(Path.of("../../events/gift-mailer/scheduled.json")),
                new TypeReference<Map<String, Object>>() { });
    }

    @Test
    void run_shouldSendRecipientOnDeliveryDate_andReceiptAtOnce() throws IOException {
        repository.service(Clock.fixed(NOW, ZoneOffset.UTC)).recordGift("evt_1",
                GiftPurchase.builder("pi_1", "friend@example.org", NOW).buyerEmail("buyer@example.org").recipientName("Sam")
                        .message("Enjoy").deliverOn(LocalDate.parse("2026-12-24")).build());

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
            repository.service(Clock.fixed(NOW, ZoneOffset.UTC)).recordGift("evt_" + i,
                    GiftPurchase.builder("pi_" + i, "friend" + i + "@example.org", NOW).buyerEmail("buyer@example.org").build());
        }
        List<Email> sent = Collections.synchronizedList(new ArrayList<>());
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
}

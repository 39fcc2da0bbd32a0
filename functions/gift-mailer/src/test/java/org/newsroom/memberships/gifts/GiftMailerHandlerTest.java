package org.newsroom.memberships.gifts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.mail.Email;
import org.newsroom.mail.MailSender;
import org.newsroom.memberships.GiftPurchase;
import org.newsroom.memberships.testing.InMemoryMembershipTable;

class GiftMailerHandlerTest {

    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final GiftJobRunner.Retries RETRIES =
            new GiftJobRunner.Retries(Duration.ofMinutes(10), 3);

    private final InMemoryMembershipTable repository = new InMemoryMembershipTable();
    private final List<Email> outbox = new ArrayList<>();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final Log log =
            new Log("gift-mailer", new PrintStream(logs, true, StandardCharsets.UTF_8));

    private GiftMailerHandler handlerAt(Instant now, MailSender sender) {
        return handlerAt(now, repository, sender);
    }

    private GiftMailerHandler handlerAt(
            Instant now, InMemoryMembershipTable repository, MailSender sender) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new GiftMailerHandler(
                new GiftJobRunner(
                        repository,
                        repository,
                        repository.service(clock),
                        sender,
                        new GiftEmails(
                                "\"The Ledger\" <news@example.org>",
                                "The Ledger",
                                "https://example.org/gift"),
                        RETRIES,
                        clock,
                        log,
                        new Metrics(
                                "gift-mailer",
                                new PrintStream(metricLines, true, StandardCharsets.UTF_8),
                                clock)),
                log);
    }

    private static Map<String, Object> scheduledEvent() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> event =
                (Map<String, Object>)
                        Json.parse(
                                        Files.readString(
                                                Path.of("../../events/gift-mailer/scheduled.json")))
                                .toPlain();
        return event;
    }

    @Test
    void run_shouldSendRecipientOnDeliveryDate_andReceiptAtOnce() throws IOException {
        repository
                .service(Clock.fixed(NOW, ZoneOffset.UTC))
                .recordGift(
                        "evt_1",
                        GiftPurchase.builder("pi_1", "friend@example.org", NOW)
                                .buyerEmail("buyer@example.org")
                                .recipientName("Sam")
                                .message("Enjoy")
                                .deliverOn(LocalDate.parse("2026-12-24"))
                                .build());

        assertEquals(
                Map.of("sent", 1, "skipped", 0, "failed", 0, "deadLettered", 0),
                handlerAt(NOW, outbox::add).handleRequest(scheduledEvent(), null));
        assertEquals(List.of("buyer@example.org"), outbox.stream().map(Email::to).toList());

        assertEquals(
                Map.of("sent", 0, "skipped", 0, "failed", 0, "deadLettered", 0),
                handlerAt(Instant.parse("2026-12-23T23:59:59Z"), outbox::add)
                        .handleRequest(scheduledEvent(), null));
        assertEquals(
                Map.of("sent", 1, "skipped", 0, "failed", 0, "deadLettered", 0),
                handlerAt(Instant.parse("2026-12-24T00:00:00Z"), outbox::add)
                        .handleRequest(scheduledEvent(), null));
        assertEquals(
                List.of("buyer@example.org", "friend@example.org"),
                outbox.stream().map(Email::to).toList());
        assertEquals(
                List.of("GiftsMailed"), counted(), "the code to the recipient, not the receipt");
    }

    @Test
    void streamHandler_shouldRunTheDueJobs_andWriteTheSummary() throws IOException {
        repository
                .service(Clock.fixed(NOW, ZoneOffset.UTC))
                .recordGift(
                        "evt_1",
                        GiftPurchase.builder("pi_1", "friend@example.org", NOW)
                                .buyerEmail("buyer@example.org")
                                .build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (java.io.InputStream in =
                java.nio.file.Files.newInputStream(
                        java.nio.file.Path.of("../../events/gift-mailer/scheduled.json"))) {
            handlerAt(NOW, outbox::add).handleRequest(in, out, null);
        }

        assertEquals(
                org.newsroom.core.json.Json.parse(
                        "{\"sent\":2,\"skipped\":0,\"failed\":0,\"deadLettered\":0}"),
                org.newsroom.core.json.Json.parse(
                        out.toString(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(2, outbox.size());
    }

    @Test
    void run_shouldSendNothing_whenAnOverlappingRunClaimedItsJobsFirst() throws IOException {
        // Whether claims hold under real concurrency is GiftMailerOverlapIT's question, against the
        // emulator; here the worst interleaving is fixed: the second run starts and finishes after
        // the
        // first has read the due jobs and before it claims any.
        InMemoryMembershipTable shared = spy(new InMemoryMembershipTable());
        shared.service(Clock.fixed(NOW, ZoneOffset.UTC))
                .recordGift(
                        "evt_1",
                        GiftPurchase.builder("pi_1", "friend@example.org", NOW)
                                .buyerEmail("buyer@example.org")
                                .build());
        List<Email> sentByFirst = new ArrayList<>();
        List<Email> sentBySecond = new ArrayList<>();
        GiftMailerHandler first = handlerAt(NOW, shared, sentByFirst::add);
        GiftMailerHandler second = handlerAt(NOW, shared, sentBySecond::add);
        Map<String, Object> event = scheduledEvent();
        AtomicBoolean secondStarted = new AtomicBoolean();
        List<Map<String, Object>> secondSummary = new ArrayList<>();
        doAnswer(
                        invocation -> {
                            Object due = invocation.callRealMethod();
                            if (secondStarted.compareAndSet(false, true)) {
                                secondSummary.add(second.handleRequest(event, null));
                            }
                            return due;
                        })
                .when(shared)
                .due(any(), anyInt());

        Map<String, Object> firstSummary = first.handleRequest(event, null);

        assertEquals(
                List.of(Map.of("sent", 2, "skipped", 0, "failed", 0, "deadLettered", 0)),
                secondSummary);
        assertEquals(
                List.of("buyer@example.org", "friend@example.org"),
                sentBySecond.stream().map(Email::to).sorted().toList());
        assertEquals(Map.of("sent", 0, "skipped", 2, "failed", 0, "deadLettered", 0), firstSummary);
        assertEquals(List.of(), sentByFirst);
        assertEquals(List.of(), shared.pendingJobs());
    }

    /**
     * Each EMF line written, as "Metric" or "Metric/Reason", once its required fields check out.
     */
    private List<String> counted() {
        return metricLines
                .toString(StandardCharsets.UTF_8)
                .lines()
                .map(Json::parse)
                .map(
                        line -> {
                            JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
                            assertTrue(line.get("_aws").get("Timestamp").isIntegralNumber());
                            assertEquals("Newsroom", directive.get("Namespace").asText());
                            assertEquals("gift-mailer", line.get("Function").asText());
                            String name = directive.get("Metrics").get(0).get("Name").asText();
                            assertEquals(1, line.get(name).asInt());
                            return line.has("Reason")
                                    ? name + "/" + line.get("Reason").asText()
                                    : name;
                        })
                .toList();
    }

    @Test
    void run_shouldTagItsLogLines_withTheRequestIdAndColdStart() throws IOException {
        repository
                .service(Clock.fixed(NOW, ZoneOffset.UTC))
                .recordGift(
                        "evt_1",
                        GiftPurchase.builder("pi_1", "friend@example.org", NOW)
                                .buyerEmail("buyer@example.org")
                                .build());
        Context context = mock(Context.class);
        when(context.getAwsRequestId()).thenReturn("aws-req-1", "aws-req-2");
        GiftMailerHandler handler = handlerAt(NOW, outbox::add);

        handler.handleRequest(scheduledEvent(), context);
        int firstRun = logs.toString(StandardCharsets.UTF_8).lines().toList().size();
        repository
                .service(Clock.fixed(NOW, ZoneOffset.UTC))
                .recordGift(
                        "evt_2",
                        GiftPurchase.builder("pi_2", "other@example.org", NOW)
                                .buyerEmail("buyer@example.org")
                                .build());
        handler.handleRequest(scheduledEvent(), context);

        List<JsonNode> lines =
                logs.toString(StandardCharsets.UTF_8).lines().map(Json::parse).toList();
        assertTrue(firstRun > 0 && lines.size() > firstRun);
        for (int i = 0; i < lines.size(); i++) {
            boolean first = i < firstRun;
            assertEquals(
                    first ? "aws-req-1" : "aws-req-2", lines.get(i).get("awsRequestId").asText());
            assertEquals(first, lines.get(i).get("coldStart").asBoolean());
        }
    }
}

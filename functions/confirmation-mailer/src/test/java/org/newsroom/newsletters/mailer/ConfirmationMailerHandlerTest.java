package org.newsroom.newsletters.mailer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.mail.Email;
import org.newsroom.mail.MailException;
import org.newsroom.mail.MailSender;
import org.newsroom.mail.MimeMessage;
import org.newsroom.subscriptions.ConfirmationRequest;
import org.newsroom.subscriptions.Consent;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.MailingState;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.SendCap;
import org.newsroom.subscriptions.Subscription;
import org.newsroom.subscriptions.SubscriptionRepository;
import org.newsroom.subscriptions.SubscriptionStatus;
import org.newsroom.subscriptions.TokenKeyRing;

@ExtendWith(MockitoExtension.class)
class ConfirmationMailerHandlerTest {

    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();

    private static final Instant NOW = Instant.parse("2026-11-26T09:30:05Z");

    /** The address id in the events/ files: an opaque key to the mailer, which never makes one. */
    private static final String ADDRESS_ID = "MqnFr9FFGN3jdfXTYUANL4jYoc8Jn1fur2rRXmv907g";

    private static final String REQUEST_ID = "20261126T093000Z-a1b2c3d4e5f6";
    private static final ConfirmationRequest REQUEST =
            new ConfirmationRequest(
                    ADDRESS_ID,
                    REQUEST_ID,
                    "reader@example.org",
                    List.of("daily-briefing"),
                    NOW,
                    "mailbox-id");
    private static final LinkTokens TOKENS =
            new LinkTokens(
                    TokenKeyRing.parse(
                            "TOKEN_KEYS",
                            "{\"current\":\"k1\",\"k1\":\"test-key-0123456789-0123456789-0123456789\"}"),
                    Duration.ofHours(48));

    @Mock SubscriptionRepository repository;
    @Mock MailSender sender;
    @Mock SendCap sendCap;

    /** The hourly budget left (the in-memory stand-in for the limits table's counter). */
    private final AtomicInteger budgetLeft = new AtomicInteger(1000);

    /** The pauses a held send waited. */
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void everythingPendingAndAllowed() {
        lenient()
                .when(repository.findMailingState(ADDRESS_ID))
                .thenReturn(
                        new MailingState(
                                false,
                                List.of(
                                        subscription(
                                                "daily-briefing", SubscriptionStatus.PENDING))));
        lenient().when(sendCap.tryAcquire(anyString(), anyString(), any(), any())).thenReturn(true);
    }

    private static Subscription subscription(String newsletter, SubscriptionStatus status) {
        return new Subscription(
                ADDRESS_ID,
                "reader@example.org",
                newsletter,
                status,
                NOW,
                NOW,
                Optional.empty(),
                new Consent("form", "", NOW));
    }

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    private ConfirmationMailerHandler handler() {
        ConfirmationMailer mailer =
                new ConfirmationMailer(
                        repository,
                        () ->
                                List.of(
                                        new Newsletter(
                                                "daily-briefing",
                                                "The Daily Briefing",
                                                "Five stories",
                                                "Weekdays",
                                                true,
                                                1)),
                        TOKENS,
                        sender,
                        new ConfirmationMailer.Limits(
                                sendCap,
                                SendCap.Rules.DEFAULT,
                                ConfirmationBudget.of(
                                        1000, (key, now) -> budgetLeft.getAndDecrement() > 0)),
                        new ConfirmationMailer.Sender(
                                "\"The Ledger\" <news@example.org>",
                                "The Ledger",
                                "https://api.example.org/"));
        return new ConfirmationMailerHandler(
                mailer,
                new HoldPause(Duration.ofSeconds(45), pauses::add),
                Clock.fixed(NOW, ZoneOffset.UTC),
                new Log("confirmation-mailer", new PrintStream(logs, true, StandardCharsets.UTF_8)),
                new Metrics(
                        "confirmation-mailer",
                        new PrintStream(metricLines, true, StandardCharsets.UTF_8),
                        Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static DynamodbEvent event(String name) {
        return EventLoader.loadDynamoDbEvent("../../events/confirmation-mailer/" + name);
    }

    @Test
    void handle_shouldSendOneEmailWithWorkingLinksAndOneClickHeaders() {
        when(repository.claimConfirmationRequest(eq(ADDRESS_ID), eq(REQUEST_ID), eq(NOW), any()))
                .thenReturn(Optional.of(REQUEST));
        StreamsEventResponse response =
                handler().handleRequest(event("confirmation-request-inserted.json"), null);
        assertTrue(response.getBatchItemFailures().isEmpty());
        ArgumentCaptor<Email> sent = ArgumentCaptor.forClass(Email.class);
        verify(sender).send(sent.capture());
        assertEquals("\"The Ledger\" <news@example.org>", sent.getValue().from());
        assertEquals("reader@example.org", sent.getValue().to());
        String message =
                new String(
                        MimeMessage.build(sent.getValue(), NOW.atZone(ZoneOffset.UTC)),
                        StandardCharsets.US_ASCII);
        assertTrue(message.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
        Matcher unsubscribe =
                Pattern.compile(
                                "List-Unsubscribe: <https://api\\.example\\.org/unsubscribe\\?token=([^>]+)>")
                        .matcher(message);
        assertTrue(unsubscribe.find());
        LinkToken token = TOKENS.verify(unsubscribe.group(1), LinkToken.Purpose.UNSUBSCRIBE, NOW);
        assertEquals(ADDRESS_ID, token.addressId());
        assertEquals(List.of("daily-briefing"), token.newsletters());
        verify(repository).markConfirmationSent(ADDRESS_ID, REQUEST_ID, NOW);
        assertFalse(
                logs.toString(StandardCharsets.UTF_8).contains("reader@"),
                "no address in the logs");
        assertEquals(List.of("ConfirmationEmailsSent"), counted());
    }

    @Test
    void handle_shouldSendOnce_whenTheStreamDeliversTheInsertTwice() {
        when(repository.claimConfirmationRequest(anyString(), anyString(), any(), any()))
                .thenReturn(Optional.of(REQUEST))
                .thenReturn(Optional.empty());
        StreamsEventResponse response =
                handler().handleRequest(event("duplicate-inserts.json"), null);
        assertTrue(response.getBatchItemFailures().isEmpty());
        verify(repository, times(2))
                .claimConfirmationRequest(anyString(), anyString(), any(), any());
        verify(sender, times(1)).send(any());
        assertEquals(List.of("ConfirmationEmailsSent"), counted(), "counted once");
    }

    @Test
    void handle_shouldReportTheFailedRecord_andReleaseItsClaim_whenSesThrottles() {
        when(repository.claimConfirmationRequest(anyString(), anyString(), any(), any()))
                .thenReturn(Optional.of(REQUEST));
        doThrow(new MailException("throttled", true, null)).when(sender).send(any());
        StreamsEventResponse response =
                handler().handleRequest(event("duplicate-inserts.json"), null);
        assertEquals(1, response.getBatchItemFailures().size());
        assertEquals(
                "100000000000000000001",
                response.getBatchItemFailures().get(0).getItemIdentifier());
        verify(repository).releaseConfirmationRequest(ADDRESS_ID, REQUEST_ID);
        verify(repository, never()).markConfirmationSent(anyString(), anyString(), any());
        verify(repository, times(1))
                .claimConfirmationRequest(anyString(), anyString(), any(), any());
        assertEquals(List.of(), counted());
    }

    @Test
    void handle_shouldNotFailTheRecord_whenMarkingAnAcceptedEmailSentFails() {
        // GIVEN SES accepts the email, then the table refuses the sent marker
        when(repository.claimConfirmationRequest(anyString(), anyString(), any(), any()))
                .thenReturn(Optional.of(REQUEST));
        doThrow(new IllegalStateException("table unavailable"))
                .when(repository)
                .markConfirmationSent(anyString(), anyString(), any());
        // WHEN
        StreamsEventResponse response =
                handler().handleRequest(event("confirmation-request-inserted.json"), null);
        // THEN the record is not retried (a retry would send a second copy) and the claim stays
        assertTrue(response.getBatchItemFailures().isEmpty());
        verify(sender, times(1)).send(any());
        verify(repository, never()).releaseConfirmationRequest(anyString(), anyString());
        assertEquals(List.of("ConfirmationEmailsSent"), counted());
    }

    @Test
    void streamHandler_shouldWriteTheFailedRecord_asTheRuntimeWould_whenSesThrottles()
            throws Exception {
        when(repository.claimConfirmationRequest(anyString(), anyString(), any(), any()))
                .thenReturn(Optional.of(REQUEST));
        doThrow(new MailException("throttled", true, null)).when(sender).send(any());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (java.io.InputStream in =
                java.nio.file.Files.newInputStream(
                        java.nio.file.Path.of(
                                "../../events/confirmation-mailer/duplicate-inserts.json"))) {
            handler().handleRequest(in, out, null);
        }

        assertEquals(
                Json.parse(
                        "{\"batchItemFailures\":"
                                + "[{\"itemIdentifier\":\"100000000000000000001\"}]}"),
                Json.parse(out.toString(StandardCharsets.UTF_8)));
        verify(repository).releaseConfirmationRequest(ADDRESS_ID, REQUEST_ID);
    }

    @Test
    void handle_shouldNotRetry_whenSesRejectsTheMessageForGood() {
        when(repository.claimConfirmationRequest(anyString(), anyString(), any(), any()))
                .thenReturn(Optional.of(REQUEST));
        doThrow(new MailException("rejected", false, null)).when(sender).send(any());
        StreamsEventResponse response =
                handler().handleRequest(event("confirmation-request-inserted.json"), null);
        assertTrue(response.getBatchItemFailures().isEmpty());
        verify(repository).markConfirmationSent(ADDRESS_ID, REQUEST_ID, NOW);
        assertEquals(List.of(), counted(), "a rejected message is not a sent one");
    }

    @Test
    void handle_shouldIgnoreSubscriptionChanges() {
        StreamsEventResponse response =
                handler().handleRequest(event("subscription-modified.json"), null);
        assertTrue(response.getBatchItemFailures().isEmpty());
        verifyNoInteractions(repository, sender);
    }

    @Test
    void handle_shouldSendNothing_toASuppressedAddress_andTakeNoCap() {
        when(repository.claimConfirmationRequest(anyString(), anyString(), any(), any()))
                .thenReturn(Optional.of(REQUEST));
        when(repository.findMailingState(ADDRESS_ID))
                .thenReturn(
                        new MailingState(
                                true,
                                List.of(
                                        subscription(
                                                "daily-briefing", SubscriptionStatus.PENDING))));
        StreamsEventResponse response =
                handler().handleRequest(event("confirmation-request-inserted.json"), null);
        assertTrue(response.getBatchItemFailures().isEmpty());
        verifyNoInteractions(sender, sendCap);
        verify(repository).markConfirmationSent(ADDRESS_ID, REQUEST_ID, NOW);
        assertEquals(1000, budgetLeft.get(), "no budget spent");
    }

    @Test
    void handle_shouldSendNothing_whenNothingIsPending_asForAConfirmedReader() {
        when(repository.claimConfirmationRequest(anyString(), anyString(), any(), any()))
                .thenReturn(Optional.of(REQUEST));
        when(repository.findMailingState(ADDRESS_ID))
                .thenReturn(
                        new MailingState(
                                false,
                                List.of(
                                        subscription(
                                                "daily-briefing", SubscriptionStatus.CONFIRMED))));
        handler().handleRequest(event("confirmation-request-inserted.json"), null);
        verifyNoInteractions(sender, sendCap);
        verify(repository).markConfirmationSent(ADDRESS_ID, REQUEST_ID, NOW);
    }

    @Test
    void handle_shouldCoverEarlierPendingNewsletters_inOneEmail() {
        when(repository.claimConfirmationRequest(anyString(), anyString(), any(), any()))
                .thenReturn(Optional.of(REQUEST));
        when(repository.findMailingState(ADDRESS_ID))
                .thenReturn(
                        new MailingState(
                                false,
                                List.of(
                                        subscription("city-hall", SubscriptionStatus.PENDING),
                                        subscription("old-letter", SubscriptionStatus.CONFIRMED),
                                        subscription(
                                                "daily-briefing", SubscriptionStatus.PENDING))));
        handler().handleRequest(event("confirmation-request-inserted.json"), null);
        ArgumentCaptor<Email> sent = ArgumentCaptor.forClass(Email.class);
        verify(sender).send(sent.capture());
        Matcher confirm =
                Pattern.compile("confirm\\?token=([A-Za-z0-9_.-]+)")
                        .matcher(sent.getValue().text());
        assertTrue(confirm.find());
        assertEquals(
                List.of("daily-briefing", "city-hall"),
                TOKENS.verify(confirm.group(1), LinkToken.Purpose.CONFIRM, NOW).newsletters());
    }

    @Test
    void handle_shouldTakeTheSendCapOfTheMailbox_forThisRequest() {
        when(repository.claimConfirmationRequest(anyString(), anyString(), any(), any()))
                .thenReturn(Optional.of(REQUEST));
        handler().handleRequest(event("confirmation-request-inserted.json"), null);
        verify(sendCap).tryAcquire("mailbox-id", REQUEST_ID, SendCap.Rules.DEFAULT, NOW);
    }

    @Test
    void handle_shouldSendNothing_whenTheInboxCapIsReached_andSpendNoBudget() {
        when(repository.claimConfirmationRequest(anyString(), anyString(), any(), any()))
                .thenReturn(Optional.of(REQUEST));
        when(sendCap.tryAcquire(anyString(), anyString(), any(), any())).thenReturn(false);
        StreamsEventResponse response =
                handler().handleRequest(event("confirmation-request-inserted.json"), null);
        assertTrue(response.getBatchItemFailures().isEmpty(), "capped is final, not retried");
        verifyNoInteractions(sender);
        verify(repository).markConfirmationSent(ADDRESS_ID, REQUEST_ID, NOW);
        assertEquals(1000, budgetLeft.get());
        assertEquals(List.of("ConfirmationsCapped"), counted());
    }

    @Test
    void handle_shouldHoldTheSend_whenTheHourlyBudgetIsSpent_andRetryItLater() {
        budgetLeft.set(0);
        when(repository.claimConfirmationRequest(anyString(), anyString(), any(), any()))
                .thenReturn(Optional.of(REQUEST));
        StreamsEventResponse response =
                handler().handleRequest(event("duplicate-inserts.json"), null);
        // Held, not dropped: the record goes back to the stream, the request stays unsent.
        assertEquals(1, response.getBatchItemFailures().size());
        assertEquals(
                "100000000000000000001",
                response.getBatchItemFailures().get(0).getItemIdentifier());
        verifyNoInteractions(sender);
        verify(repository).releaseConfirmationRequest(ADDRESS_ID, REQUEST_ID);
        verify(repository, never()).markConfirmationSent(anyString(), anyString(), any());
        verify(repository, times(1))
                .claimConfirmationRequest(anyString(), anyString(), any(), any());
        assertEquals(List.of(Duration.ofSeconds(45)), pauses, "waited before handing it back");
        assertEquals(List.of("ConfirmationsHeld"), counted());
    }

    @Test
    void handle_shouldSendAHeldRequest_onceTheBudgetHasRoomAgain() {
        budgetLeft.set(0);
        when(repository.claimConfirmationRequest(anyString(), anyString(), any(), any()))
                .thenReturn(Optional.of(REQUEST));
        ConfirmationMailerHandler handler = handler();
        handler.handleRequest(event("confirmation-request-inserted.json"), null);
        budgetLeft.set(1000);
        StreamsEventResponse retry =
                handler.handleRequest(event("confirmation-request-inserted.json"), null);
        assertTrue(retry.getBatchItemFailures().isEmpty());
        verify(sender).send(any());
        // The same request takes the cap on both attempts: the cap counts it once.
        verify(sendCap, times(2)).tryAcquire("mailbox-id", REQUEST_ID, SendCap.Rules.DEFAULT, NOW);
        assertEquals(List.of("ConfirmationsHeld", "ConfirmationEmailsSent"), counted());
    }

    @Test
    void handle_shouldHoldEverything_whenTheBudgetIsZero() {
        assertFalse(ConfirmationBudget.of(0, (key, now) -> true).tryTake(NOW));
    }

    @Test
    void holdPause_shouldEndBeforeTheInvocationTimesOut() {
        Context context = mock(Context.class);
        when(context.getRemainingTimeInMillis()).thenReturn(12_000);
        new HoldPause(Duration.ofSeconds(45), pauses::add).await(context);
        when(context.getRemainingTimeInMillis()).thenReturn(2_000);
        new HoldPause(Duration.ofSeconds(45), pauses::add).await(context);
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ZERO), pauses);
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
                            assertEquals("confirmation-mailer", line.get("Function").asText());
                            String name = directive.get("Metrics").get(0).get("Name").asText();
                            assertEquals(1, line.get(name).asInt());
                            return line.has("Reason")
                                    ? name + "/" + line.get("Reason").asText()
                                    : name;
                        })
                .toList();
    }

    @Test
    void handle_shouldTagItsLogAndMetricLines_withTheRequestIdAndColdStart() {
        when(repository.claimConfirmationRequest(eq(ADDRESS_ID), eq(REQUEST_ID), eq(NOW), any()))
                .thenReturn(Optional.of(REQUEST));
        Context context = mock(Context.class);
        when(context.getAwsRequestId()).thenReturn("aws-req-1");

        handler().handleRequest(event("confirmation-request-inserted.json"), context);

        JsonNode logLine = Json.parse(logs.toString(StandardCharsets.UTF_8).strip());
        JsonNode metricLine = Json.parse(metricLines.toString(StandardCharsets.UTF_8).strip());
        for (JsonNode line : List.of(logLine, metricLine)) {
            assertEquals("aws-req-1", line.get("awsRequestId").asText());
            assertTrue(line.get("coldStart").asBoolean());
        }
    }
}

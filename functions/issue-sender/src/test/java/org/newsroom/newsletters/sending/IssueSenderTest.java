package org.newsroom.newsletters.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.log.Log;
import org.newsroom.issues.Delivery;
import org.newsroom.issues.DeliveryState;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueCounts;
import org.newsroom.issues.IssueRepository;
import org.newsroom.issues.IssueStatus;
import org.newsroom.issues.SendJob;
import org.newsroom.issues.SendQueue;
import org.newsroom.mail.MailException;
import org.newsroom.mail.MailSender;
import org.newsroom.subscriptions.ConfirmedReaders;
import org.newsroom.subscriptions.SubscriptionStatus;

class IssueSenderTest {

    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();

    private static final Instant NOW = SenderFixtures.NOW;
    private static final String ISSUE_ID = "20261201t065500z-abc123";
    private static final String READER = "a".repeat(43);
    private static final SendJob BATCH =
            SendJob.batch("daily-briefing", ISSUE_ID, "0-0", List.of(READER));

    private IssueRepository issues;
    private ConfirmedReaders readers;
    private SendQueue queue;
    private MailSender mail;
    private IssueSender sender;
    private final SendPacer pacer = new SendPacer(1000, millis -> {});

    @BeforeEach
    void setUp() {
        issues = mock(IssueRepository.class);
        readers = mock(ConfirmedReaders.class);
        queue = mock(SendQueue.class);
        mail = mock(MailSender.class);
        sender = SenderFixtures.sender(issues, readers, queue, mail, metricLines);
        Issue issue =
                new Issue(
                        "daily-briefing",
                        ISSUE_ID,
                        "The Daily Briefing",
                        "Tuesday",
                        IssueStatus.SENDING,
                        NOW,
                        NOW,
                        Optional.empty(),
                        Optional.of(NOW),
                        Optional.empty(),
                        new IssueCounts(1, 0, 0, 0, 0),
                        1,
                        true);
        when(issues.find("daily-briefing", ISSUE_ID)).thenReturn(Optional.of(issue));
        when(issues.content("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(SenderFixtures.CONTENT));
        when(readers.reader(READER, "daily-briefing"))
                .thenReturn(
                        new ConfirmedReaders.Reader(
                                READER,
                                Optional.of("reader@example.org"),
                                Optional.of(SubscriptionStatus.CONFIRMED),
                                false));
    }

    @Test
    void batch_shouldClaimBeforeSending_andCountTheSend() {
        when(issues.claim(ISSUE_ID, READER, NOW)).thenReturn(Optional.empty());

        assertEquals(IssueSender.Result.DONE, sender.run(BATCH, 1, pacer));

        verify(mail).send(any());
        verify(issues).completeClaim(ISSUE_ID, READER, DeliveryState.SENT, NOW, Optional.empty());
        verify(issues)
                .countBatch("daily-briefing", ISSUE_ID, "0-0", new IssueCounts(0, 1, 0, 0, 0), NOW);
        assertEquals(List.of("IssueEmailsSent"), counted());
    }

    @Test
    void batch_shouldNeverSendTwice_whenTheLedgerHasTheReader() {
        when(issues.claim(ISSUE_ID, READER, NOW))
                .thenReturn(Optional.of(new Delivery(DeliveryState.SENT, NOW)));

        assertEquals(IssueSender.Result.DONE, sender.run(BATCH, 2, pacer));

        verifyNoInteractions(mail);
        verify(issues)
                .countBatch("daily-briefing", ISSUE_ID, "0-0", new IssueCounts(0, 1, 0, 0, 0), NOW);
        assertEquals(List.of(), counted(), "sent before, counted before");
    }

    @Test
    void batch_shouldSkipAReaderWhoUnsubscribedMeanwhile_andCountASuppressedOne() {
        when(readers.reader(READER, "daily-briefing"))
                .thenReturn(
                        new ConfirmedReaders.Reader(
                                READER,
                                Optional.of("reader@example.org"),
                                Optional.of(SubscriptionStatus.UNSUBSCRIBED),
                                false));
        sender.run(BATCH, 1, pacer);
        verify(issues).recordOutcome(ISSUE_ID, READER, DeliveryState.SKIPPED, NOW);

        when(readers.reader(READER, "daily-briefing"))
                .thenReturn(
                        new ConfirmedReaders.Reader(
                                READER,
                                Optional.of("reader@example.org"),
                                Optional.of(SubscriptionStatus.CONFIRMED),
                                true));
        sender.run(BATCH, 1, pacer);
        verify(issues).recordOutcome(ISSUE_ID, READER, DeliveryState.SUPPRESSED, NOW);
        verifyNoInteractions(mail);
    }

    @Test
    void batch_shouldReleaseTheClaimAndRetry_whenSesFailsForNow() {
        when(issues.claim(ISSUE_ID, READER, NOW)).thenReturn(Optional.empty());
        doThrow(new MailException("throttled", true, null)).when(mail).send(any());

        assertEquals(IssueSender.Result.RETRY, sender.run(BATCH, 1, pacer));

        verify(issues).releaseClaim(ISSUE_ID, READER);
        verify(issues, never()).countBatch(anyString(), anyString(), anyString(), any(), any());
        assertEquals(List.of(), counted());
    }

    @Test
    void batch_shouldBeSentAgainWithAFreshReceiveCount_whenItGotFurtherBeforeSesFailed() {
        // GIVEN a batch whose first reader is mailed and whose second meets throttling
        String second = "b".repeat(43);
        SendJob batch = SendJob.batch("daily-briefing", ISSUE_ID, "0-0", List.of(READER, second));
        when(readers.reader(second, "daily-briefing"))
                .thenReturn(
                        new ConfirmedReaders.Reader(
                                second,
                                Optional.of("second@example.org"),
                                Optional.of(SubscriptionStatus.CONFIRMED),
                                false));
        when(issues.claim(eq(ISSUE_ID), anyString(), eq(NOW))).thenReturn(Optional.empty());
        doNothing().doThrow(new MailException("throttled", true, null)).when(mail).send(any());

        // WHEN it runs on its fourth receive
        IssueSender.Result result = sender.run(batch, 4, pacer);

        // THEN the same job is queued again (a new message) and this one is done, uncounted
        assertEquals(IssueSender.Result.DONE, result);
        verify(queue).send(batch, IssueSender.PROGRESS_RETRY_DELAY);
        verify(issues).releaseClaim(ISSUE_ID, second);
        verify(issues, never()).countBatch(anyString(), anyString(), anyString(), any(), any());
    }

    @Test
    void batch_shouldLeaveTheRetryToTheQueue_whenItGotNoFurther() {
        when(issues.claim(ISSUE_ID, READER, NOW)).thenReturn(Optional.empty());
        doThrow(new MailException("throttled", true, null)).when(mail).send(any());

        assertEquals(IssueSender.Result.RETRY, sender.run(BATCH, 3, pacer));

        verifyNoInteractions(queue);
    }

    @Test
    void batch_shouldNotResend_anEmailSesMayHaveAccepted_whenTheCallTimedOut() {
        // GIVEN the send times out: SES may or may not have accepted the email
        when(issues.claim(ISSUE_ID, READER, NOW)).thenReturn(Optional.empty());
        doThrow(new MailException("timed out", true, true, null)).when(mail).send(any());

        // WHEN the batch runs with attempts left
        IssueSender.Result result = sender.run(BATCH, 1, pacer);

        // THEN the claim is completed as failed, not released: no retry mails the reader again
        assertEquals(IssueSender.Result.DONE, result);
        verify(issues, never()).releaseClaim(anyString(), anyString());
        verify(issues).completeClaim(ISSUE_ID, READER, DeliveryState.FAILED, NOW, Optional.empty());
        verify(issues)
                .countBatch("daily-briefing", ISSUE_ID, "0-0", new IssueCounts(0, 0, 1, 0, 0), NOW);
        assertEquals(List.of("IssueEmailsFailed"), counted());
    }

    @Test
    void batch_shouldCountTheReaderAsFailed_andStillFail_onTheLastAttempt() {
        when(issues.claim(ISSUE_ID, READER, NOW)).thenReturn(Optional.empty());
        doThrow(new MailException("down", true, null)).when(mail).send(any());

        assertEquals(IssueSender.Result.RETRY, sender.run(BATCH, 5, pacer));

        verify(issues).completeClaim(ISSUE_ID, READER, DeliveryState.FAILED, NOW, Optional.empty());
        verify(issues)
                .countBatch("daily-briefing", ISSUE_ID, "0-0", new IssueCounts(0, 0, 1, 0, 0), NOW);
        assertEquals(List.of("IssueEmailsFailed"), counted());
    }

    @Test
    void batch_shouldNotResend_aStaleClaimFromACrashedSender() {
        when(issues.claim(ISSUE_ID, READER, NOW))
                .thenReturn(
                        Optional.of(new Delivery(DeliveryState.SENDING, NOW.minusSeconds(600))));
        when(issues.completeClaim(
                        eq(ISSUE_ID), eq(READER), eq(DeliveryState.FAILED), eq(NOW), any()))
                .thenReturn(true);

        assertEquals(IssueSender.Result.DONE, sender.run(BATCH, 2, pacer));

        verifyNoInteractions(mail);
        verify(issues)
                .countBatch("daily-briefing", ISSUE_ID, "0-0", new IssueCounts(0, 0, 1, 0, 0), NOW);
        assertEquals(List.of("IssueEmailsFailed"), counted());
    }

    @Test
    void page_shouldDropADuplicate_andRetryOneThatCameEarly() {
        assertEquals(
                IssueSender.Result.DONE,
                sender.run(SendJob.page("daily-briefing", ISSUE_ID, 0, Map.of()), 1, pacer));
        assertEquals(
                IssueSender.Result.RETRY,
                sender.run(
                        SendJob.page("daily-briefing", ISSUE_ID, 2, Map.of("pk", "x")), 1, pacer));
        verify(readers, never()).page(anyString(), org.mockito.ArgumentMatchers.anyInt(), any());
        verifyNoInteractions(queue);
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
                            assertEquals("issue-sender", line.get("Function").asText());
                            String name = directive.get("Metrics").get(0).get("Name").asText();
                            assertEquals(1, line.get(name).asInt());
                            return line.has("Reason")
                                    ? name + "/" + line.get("Reason").asText()
                                    : name;
                        })
                .toList();
    }

    @Test
    void handler_shouldTagItsLogAndMetricLines_withTheRequestIdAndColdStart() {
        when(issues.claim(ISSUE_ID, READER, NOW)).thenReturn(Optional.empty());
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        IssueSenderHandler handler =
                new IssueSenderHandler(
                        sender,
                        1000,
                        new Log(
                                "issue-sender",
                                new PrintStream(logs, true, StandardCharsets.UTF_8)));
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-1");
        message.setBody(BATCH.toJson());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        Context context = mock(Context.class);
        when(context.getAwsRequestId()).thenReturn("aws-req-1");
        when(context.getRemainingTimeInMillis()).thenReturn(60_000);

        assertEquals(List.of(), handler.handleRequest(event, context).getBatchItemFailures());

        JsonNode logLine = Json.parse(logs.toString(StandardCharsets.UTF_8).strip());
        JsonNode metricLine = Json.parse(metricLines.toString(StandardCharsets.UTF_8).strip());
        for (JsonNode line : List.of(logLine, metricLine)) {
            assertEquals("aws-req-1", line.get("awsRequestId").asText());
            assertTrue(line.get("coldStart").asBoolean());
        }
    }

    @Test
    void streamHandler_shouldWriteTheBatchItemFailure_forAnUnreadableJob() throws Exception {
        IssueSenderHandler handler =
                new IssueSenderHandler(
                        sender,
                        1000,
                        new Log("issue-sender", new PrintStream(new ByteArrayOutputStream())));
        String event =
                "{\"Records\":[{\"messageId\":\"m-9\",\"body\":\"not a send job\","
                        + "\"attributes\":{\"ApproximateReceiveCount\":\"1\"},"
                        + "\"eventSource\":\"aws:sqs\"}]}";
        Context context = mock(Context.class);
        when(context.getRemainingTimeInMillis()).thenReturn(60_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler.handleRequest(
                new java.io.ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                out,
                context);

        assertEquals(
                Json.parse("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-9\"}]}"),
                Json.parse(out.toString(StandardCharsets.UTF_8)));
        verifyNoInteractions(issues);
    }
}

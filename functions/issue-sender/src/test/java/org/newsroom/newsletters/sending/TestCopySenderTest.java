package org.newsroom.newsletters.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.log.Log;
import org.newsroom.issues.Delivery;
import org.newsroom.issues.DeliveryState;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueRepository;
import org.newsroom.issues.SendJob;
import org.newsroom.issues.SendQueue;
import org.newsroom.mail.Email;
import org.newsroom.mail.MailException;
import org.newsroom.mail.MailSender;
import org.newsroom.subscriptions.ConfirmedReaders;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;

/** The {@code test_copy} job, run through {@link IssueSender} as the handler runs it. */
class TestCopySenderTest {

    private static final Instant NOW = SenderFixtures.NOW;
    private static final String ISSUE_ID = "20261201t065500z-abc123";
    private static final String COPY = "k3v9q2m7x1b8c4d6";
    private static final String CLAIM = "TEST#" + COPY;
    private static final String EDITOR = "editor@example.org";
    private static final SendJob JOB = SendJob.testCopy("daily-briefing", ISSUE_ID, COPY);

    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();
    private final SendPacer pacer = new SendPacer(1000, millis -> {});
    private final AddressKeys addressKeys = SenderFixtures.ADDRESS_KEYS;
    private final LinkTokens tokens = SenderFixtures.TOKENS;

    private IssueRepository issues;
    private ConfirmedReaders readers;
    private SendQueue queue;
    private MailSender mail;
    private IssueSender sender;

    @BeforeEach
    void setUp() {
        issues = mock(IssueRepository.class);
        readers = mock(ConfirmedReaders.class);
        queue = mock(SendQueue.class);
        mail = mock(MailSender.class);
        sender = SenderFixtures.sender(issues, readers, queue, mail, metricLines);
        Issue draft = SenderFixtures.draft("daily-briefing", ISSUE_ID);
        when(issues.find("daily-briefing", ISSUE_ID)).thenReturn(Optional.of(draft));
        when(issues.content("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(SenderFixtures.CONTENT));
        when(issues.testCopyAddress(ISSUE_ID, COPY)).thenReturn(Optional.of(EDITOR));
    }

    @Test
    void testCopy_shouldClaimThenSendOneCopy_markedAsATest_withTheEditorsOwnUnsubscribeLink() {
        when(issues.claim(ISSUE_ID, CLAIM, NOW)).thenReturn(Optional.empty());

        assertEquals(IssueSender.Result.DONE, sender.run(JOB, 1, pacer));

        ArgumentCaptor<Email> sent = ArgumentCaptor.forClass(Email.class);
        verify(mail).send(sent.capture());
        Email email = sent.getValue();
        assertEquals("[TEST] Tuesday", email.subject());
        assertEquals(EDITOR, email.to());
        assertEquals(
                "\"The Daily Briefing\" <daily-briefing.newsletters.newsroom.example>",
                email.headers().get("List-Id"));
        assertEquals("List-Unsubscribe=One-Click", email.headers().get("List-Unsubscribe-Post"));
        String unsubscribe = email.headers().get("List-Unsubscribe");
        String prefix = "<https://api.example.org/unsubscribe?token=";
        assertTrue(unsubscribe.startsWith(prefix), unsubscribe);
        LinkToken token =
                tokens.verify(
                        unsubscribe.substring(prefix.length(), unsubscribe.length() - 1),
                        LinkToken.Purpose.UNSUBSCRIBE,
                        NOW);
        assertEquals(addressKeys.id(EmailAddress.parse(EDITOR).orElseThrow()), token.addressId());
        assertEquals(List.of("daily-briefing"), token.newsletters());
        assertTrue(
                email.html()
                        .contains(
                                "https://api.example.org/newsletters/daily-briefing/issues/"
                                        + ISSUE_ID
                                        + "/web"));
        verify(issues).completeClaim(ISSUE_ID, CLAIM, DeliveryState.SENT, NOW, Optional.empty());
        verify(issues).forgetTestCopy(ISSUE_ID, COPY);
        verify(issues, never()).countBatch(any(), any(), any(), any(), any());
        assertEquals(List.of("IssueTestEmailsSent"), counted());
    }

    @Test
    void testCopy_shouldNotSendAgain_whenTheMessageComesAgainAfterTheCopyWent() {
        // GIVEN a crash after the send was recorded but before the request was deleted
        when(issues.claim(ISSUE_ID, CLAIM, NOW))
                .thenReturn(Optional.of(new Delivery(DeliveryState.SENT, NOW)));

        // WHEN SQS delivers the job again
        assertEquals(IssueSender.Result.DONE, sender.run(JOB, 2, pacer));

        // THEN nothing is sent, and the address is deleted
        verifyNoInteractions(mail);
        verify(issues).forgetTestCopy(ISSUE_ID, COPY);
        assertEquals(List.of(), counted());
    }

    @Test
    void testCopy_shouldDoNothing_whenItsRequestIsGone() {
        when(issues.testCopyAddress(ISSUE_ID, COPY)).thenReturn(Optional.empty());

        assertEquals(IssueSender.Result.DONE, sender.run(JOB, 2, pacer));

        verifyNoInteractions(mail);
        verify(issues, never()).claim(anyString(), anyString(), any());
    }

    @Test
    void testCopy_shouldRetryLater_whileAnotherSenderHoldsAFreshClaim() {
        when(issues.claim(ISSUE_ID, CLAIM, NOW))
                .thenReturn(Optional.of(new Delivery(DeliveryState.SENDING, NOW.minusSeconds(5))));

        assertEquals(IssueSender.Result.RETRY, sender.run(JOB, 2, pacer));

        verifyNoInteractions(mail);
        verify(issues, never()).forgetTestCopy(anyString(), anyString());
    }

    @Test
    void testCopy_shouldNotResend_aStaleClaimFromACrashedSender() {
        when(issues.claim(ISSUE_ID, CLAIM, NOW))
                .thenReturn(
                        Optional.of(new Delivery(DeliveryState.SENDING, NOW.minusSeconds(600))));
        when(issues.completeClaim(
                        ISSUE_ID,
                        CLAIM,
                        DeliveryState.FAILED,
                        NOW,
                        Optional.of(NOW.minus(Duration.ofMinutes(2)))))
                .thenReturn(true);

        assertEquals(IssueSender.Result.DONE, sender.run(JOB, 2, pacer));

        verifyNoInteractions(mail);
        verify(issues).forgetTestCopy(ISSUE_ID, COPY);
    }

    @Test
    void testCopy_shouldReleaseTheClaimAndRetry_whenSesThrottles() {
        when(issues.claim(ISSUE_ID, CLAIM, NOW)).thenReturn(Optional.empty());
        doThrow(new MailException("throttled", true, null)).when(mail).send(any());

        assertEquals(IssueSender.Result.RETRY, sender.run(JOB, 1, pacer));

        verify(issues).releaseClaim(ISSUE_ID, CLAIM);
        verify(issues, never()).forgetTestCopy(anyString(), anyString());
        assertEquals(List.of(), counted());
    }

    @Test
    void testCopy_shouldGiveUpAtOnce_whenSesRefusesTheAddressForGood() {
        when(issues.claim(ISSUE_ID, CLAIM, NOW)).thenReturn(Optional.empty());
        doThrow(new MailException("Address blacklisted", false, null)).when(mail).send(any());

        assertEquals(IssueSender.Result.DONE, sender.run(JOB, 1, pacer));

        verify(issues).completeClaim(ISSUE_ID, CLAIM, DeliveryState.FAILED, NOW, Optional.empty());
        verify(issues, never()).releaseClaim(anyString(), anyString());
        verify(issues).forgetTestCopy(ISSUE_ID, COPY);
        assertEquals(List.of("IssueTestEmailsFailed"), counted());
    }

    @Test
    void testCopy_shouldGiveUp_whenSesStillThrottlesOnTheLastAttempt() {
        when(issues.claim(ISSUE_ID, CLAIM, NOW)).thenReturn(Optional.empty());
        doThrow(new MailException("throttled", true, null)).when(mail).send(any());

        assertEquals(IssueSender.Result.DONE, sender.run(JOB, 5, pacer));

        verify(issues).completeClaim(ISSUE_ID, CLAIM, DeliveryState.FAILED, NOW, Optional.empty());
        verify(issues).forgetTestCopy(ISSUE_ID, COPY);
        assertEquals(List.of("IssueTestEmailsFailed"), counted());
    }

    @Test
    void testCopy_shouldNotResend_whenTheCallTimedOutAndSesMayHaveTakenIt() {
        when(issues.claim(ISSUE_ID, CLAIM, NOW)).thenReturn(Optional.empty());
        doThrow(new MailException("timed out", true, true, null)).when(mail).send(any());

        assertEquals(IssueSender.Result.DONE, sender.run(JOB, 1, pacer));

        verify(issues, never()).releaseClaim(anyString(), anyString());
        verify(issues).completeClaim(ISSUE_ID, CLAIM, DeliveryState.FAILED, NOW, Optional.empty());
    }

    @Test
    void testCopy_shouldReadTheContentAgain_forEachCopy_soAnEditedDraftIsWhatArrives() {
        SendJob second = SendJob.testCopy("daily-briefing", ISSUE_ID, "second0000000000");
        when(issues.testCopyAddress(ISSUE_ID, "second0000000000")).thenReturn(Optional.of(EDITOR));
        when(issues.claim(eq(ISSUE_ID), anyString(), eq(NOW))).thenReturn(Optional.empty());
        when(issues.content("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(SenderFixtures.CONTENT))
                .thenReturn(Optional.of(new IssueContent("Wednesday", "", "<p>Hi</p>", "Hi")));

        sender.run(JOB, 1, pacer);
        sender.run(second, 1, pacer);

        ArgumentCaptor<Email> sent = ArgumentCaptor.forClass(Email.class);
        verify(mail, times(2)).send(sent.capture());
        assertEquals(
                List.of("[TEST] Tuesday", "[TEST] Wednesday"),
                sent.getAllValues().stream().map(Email::subject).toList());
    }

    @Test
    void handler_shouldSendTheCopyOfTheSampleEvent_andNeverLogTheAddress() {
        SQSEvent event = EventLoader.loadSQSEvent("../../events/issue-sender/test-copy.json");
        SendJob job = SendJob.parse(event.getRecords().get(0).getBody());
        Issue sample = SenderFixtures.draft(job.newsletter(), job.issueId());
        when(issues.find(job.newsletter(), job.issueId())).thenReturn(Optional.of(sample));
        when(issues.content(job.newsletter(), job.issueId()))
                .thenReturn(Optional.of(SenderFixtures.CONTENT));
        when(issues.testCopyAddress(job.issueId(), job.copyId())).thenReturn(Optional.of(EDITOR));
        when(issues.claim(eq(job.issueId()), eq("TEST#" + job.copyId()), any()))
                .thenReturn(Optional.empty());
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        IssueSenderHandler handler =
                new IssueSenderHandler(
                        sender,
                        1000,
                        new Log(
                                "issue-sender",
                                new PrintStream(logs, true, StandardCharsets.UTF_8)));
        Context context = mock(Context.class);
        when(context.getRemainingTimeInMillis()).thenReturn(60_000);

        assertEquals(List.of(), handler.handleRequest(event, context).getBatchItemFailures());

        verify(mail).send(any());
        String logged = logs.toString(StandardCharsets.UTF_8);
        JsonNode line = Json.parse(logged.strip());
        assertEquals("test_copy", line.get("kind").asText());
        assertEquals("done", line.get("result").asText());
        assertFalse(logged.contains("example.org"), logged);
    }

    private List<String> counted() {
        return metricLines
                .toString(StandardCharsets.UTF_8)
                .lines()
                .map(Json::parse)
                .map(
                        line ->
                                line.get("_aws")
                                        .get("CloudWatchMetrics")
                                        .get(0)
                                        .get("Metrics")
                                        .get(0)
                                        .get("Name")
                                        .asText())
                .toList();
    }
}

package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.newsroom.local.it.IssueSendingSupport.admin;
import static org.newsroom.local.it.IssueSendingSupport.awaitEmpty;
import static org.newsroom.local.it.IssueSendingSupport.confirmed;
import static org.newsroom.local.it.IssueSendingSupport.oneClick;
import static org.newsroom.local.it.IssueSendingSupport.pause;
import static org.newsroom.local.it.IssueSendingSupport.sqs;
import static org.newsroom.local.it.NewsletterSupport.stack;
import static org.newsroom.local.it.NewsletterSupport.status;
import static org.newsroom.local.it.NewsletterSupport.uniqueAddress;
import static org.newsroom.local.it.NewsletterSupport.unsubscribePath;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.issues.DynamoDbIssueRepository;
import org.newsroom.issues.SendJob;
import org.newsroom.local.Outbox;
import org.newsroom.mail.MailException;
import org.newsroom.mail.MailSender;
import org.newsroom.newsletters.issues.NewsletterIssuesHandler;
import org.newsroom.newsletters.sending.IssueSenderHandler;
import org.newsroom.subscriptions.DynamoDbNewsletterCatalogue;
import org.newsroom.subscriptions.Newsletter;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Test copies end to end on the local stack: the issues API stores the request and queues a {@code
 * test_copy} job, the SQS poller hands it to the issue sender as Lambda would (retries after the
 * visibility timeout included), and the copy is read back from the emulator's SES through the
 * outbox.
 */
class NewsletterTestCopyIT {

    private static final String SENDER = "IssueSenderFunction";
    private static final String NEWSLETTER =
            "it-test-copy-" + UUID.randomUUID().toString().substring(0, 6);
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private AutoCloseable replaced;

    @BeforeAll
    static void seedTheNewsletter() {
        new DynamoDbNewsletterCatalogue(stack().dynamo(), stack().physicalId("NewslettersTable"))
                .put(new Newsletter(NEWSLETTER, "IT test copies", "", "", false, 990));
        // A fresh issues function, as after a deploy: its catalogue cache may predate this.
        stack().replaceHandlerForTest("NewsletterIssuesFunction", NewsletterIssuesHandler::new);
    }

    @AfterEach
    void restoreTheSender() throws Exception {
        if (replaced != null) {
            replaced.close();
            replaced = null;
        }
    }

    @Test
    void testCopy_shouldArriveOnce_markedAsATest_withTheAddressesOwnWorkingUnsubscribeLink() {
        // GIVEN an editor who also reads the newsletter, and the sender recording its test jobs
        String editor = uniqueAddress("editor");
        confirmed(editor, NEWSLETTER);
        List<String> jobs = new ArrayList<>();
        replaced =
                stack().replaceHandlerForTest(
                                SENDER,
                                env -> recordingTestCopies(new IssueSenderHandler(env), jobs));
        String subject = "Copy " + NEWSLETTER;
        String issueId = createIssue(subject);

        // WHEN the editor asks for a test copy
        HttpResponse<String> accepted = askForCopy(issueId, editor);

        // THEN the API answers at once, and the copy arrives from the sender
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertTrue(
                accepted.headers()
                        .firstValue("content-type")
                        .orElse("")
                        .startsWith("application/json"));
        JsonNode body = Json.parse(accepted.body());
        assertEquals("queued", body.get("status").asText());
        assertEquals(issueId, body.get("issueId").asText());
        Outbox.Email copy = awaitCopies(editor, 1).get(0);
        assertEquals("[TEST] " + subject, copy.subject());
        assertEquals("List-Unsubscribe=One-Click", copy.header("List-Unsubscribe-Post"));
        assertTrue(copy.header("List-Id").contains(NEWSLETTER + ".newsletters."));
        assertTrue(copy.text().contains("/issues/" + issueId + "/web"));

        // ... and once the sender has finished the job (it forgets the address after recording
        // the send, so a moment after the copy reached the outbox), its request, the one place
        // the address was kept, is gone, and the issue is a draft
        awaitSendQueueDrained();
        assertEquals(1, jobs.size());
        SendJob job = SendJob.parse(jobs.get(0));
        assertFalse(jobs.get(0).contains("@"), "no address in the queue");
        DynamoDbIssueRepository issues =
                new DynamoDbIssueRepository(stack().dynamo(), stack().physicalId("IssuesTable"));
        assertTrue(issues.testCopyAddress(issueId, job.copyId()).isEmpty());
        assertEquals("draft", issues.find(NEWSLETTER, issueId).orElseThrow().status().code());

        // WHEN SQS delivers the same job twice more
        try (SqsClient sqs = sqs()) {
            String queue = stack().physicalId("IssueSendQueue");
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(jobs.get(0)));
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(jobs.get(0)));
            awaitEmpty(sqs, queue, PATIENCE);
        }

        // THEN no second copy goes, and the copy's link unsubscribes the editor
        assertEquals(3, jobs.size(), "the sender got the job three times");
        assertEquals(1, stack().outbox().to(editor).size());
        assertEquals("confirmed", status(editor, NEWSLETTER));
        assertEquals(200, oneClick(unsubscribePath(copy)).statusCode());
        assertEquals("unsubscribed", status(editor, NEWSLETTER));
    }

    @Test
    void testCopy_shouldComeThroughOnce_whenSesThrottlesTheFirstAttempt() {
        String editor = uniqueAddress("throttled");
        AtomicInteger attempts = new AtomicInteger();
        replaced = senderFailingFirst(editor, true, attempts);
        String subject = "Throttled " + NEWSLETTER;
        String issueId = createIssue(subject);

        assertEquals(202, askForCopy(issueId, editor).statusCode());

        assertEquals("[TEST] " + subject, awaitCopies(editor, 1).get(0).subject());
        awaitSendQueueDrained();
        assertEquals(2, attempts.get(), "one throttled attempt, then the one that went");
        assertEquals(1, stack().outbox().to(editor).size());
    }

    @Test
    void testCopy_shouldBeGivenUpAtOnce_whenSesRefusesTheAddress() {
        String editor = uniqueAddress("refused");
        AtomicInteger attempts = new AtomicInteger();
        replaced = senderFailingFirst(editor, false, attempts);
        String issueId = createIssue("Refused " + NEWSLETTER);

        assertEquals(202, askForCopy(issueId, editor).statusCode());

        try (SqsClient sqs = sqs()) {
            LocalStackSupport.await(
                    "the sender's attempt",
                    () ->
                            attempts.get() > 0
                                    ? java.util.Optional.of(true)
                                    : java.util.Optional.empty());
            awaitEmpty(sqs, stack().physicalId("IssueSendQueue"), PATIENCE);
        }
        assertEquals(1, attempts.get(), "a refused address is not retried");
        assertEquals(List.of(), stack().outbox().to(editor));
    }

    @Test
    void testCopy_shouldQueueNothing_forABadAddressOrAnUnknownIssue() {
        String issueId = createIssue("Refusals " + NEWSLETTER);
        String unknown = "20200101t000000z-zzzzzz";
        String stranger = uniqueAddress("stranger");
        String editor = uniqueAddress("after");

        HttpResponse<String> badAddress =
                admin(
                        "/newsletters/" + NEWSLETTER + "/issues/" + issueId + "/test",
                        "POST",
                        "{\"email\":\"not an address\"}");
        HttpResponse<String> unknownIssue = askForCopy(unknown, stranger);

        assertEquals(400, badAddress.statusCode(), badAddress.body());
        assertTrue(badAddress.headers().firstValue("content-type").orElse("").contains("problem"));
        assertEquals(404, unknownIssue.statusCode(), unknownIssue.body());
        // A good request after them: once its copy is out and the queue is empty, nothing else was.
        assertEquals(202, askForCopy(issueId, editor).statusCode());
        awaitCopies(editor, 1);
        awaitSendQueueDrained();
        assertEquals(List.of(), stack().outbox().to(stranger));
    }

    // --- helpers ---

    private static String createIssue(String subject) {
        String body =
                Json.object()
                        .put("subject", subject)
                        .put("html", "<h1>" + subject + "</h1><p>The council met on Tuesday.</p>")
                        .toString();
        HttpResponse<String> response =
                admin("/newsletters/" + NEWSLETTER + "/issues", "POST", body);
        assertEquals(201, response.statusCode(), response.body());
        return Json.parse(response.body()).get("issueId").asText();
    }

    private static HttpResponse<String> askForCopy(String issueId, String address) {
        return admin(
                "/newsletters/" + NEWSLETTER + "/issues/" + issueId + "/test",
                "POST",
                Json.object().put("email", address).toString());
    }

    /** Polls the outbox until {@code count} emails to {@code address} are there. */
    private static List<Outbox.Email> awaitCopies(String address, int count) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            List<Outbox.Email> copies = stack().outbox().to(address);
            if (copies.size() >= count) {
                return copies;
            }
            pause(250);
        }
        return fail("No test copy arrived");
    }

    private static void awaitSendQueueDrained() {
        try (SqsClient sqs = sqs()) {
            awaitEmpty(sqs, stack().physicalId("IssueSendQueue"), PATIENCE);
        }
    }

    /** The sender, with its mail sender failing the first send to {@code address}. */
    private static AutoCloseable senderFailingFirst(
            String address, boolean retryable, AtomicInteger attempts) {
        return stack().replaceHandlerForTest(
                        SENDER,
                        env ->
                                IssueSenderHandler.withMailSenderForTest(
                                        env, failingFirst(address, retryable, attempts)));
    }

    /**
     * A mail sender that fails the first send to {@code address}, retryable (as SES throttling that
     * outlasted the client's own retries) or not (SES refused the address); counts every attempt.
     */
    private static UnaryOperator<MailSender> failingFirst(
            String address, boolean retryable, AtomicInteger attempts) {
        return real ->
                email -> {
                    if (email.to().equalsIgnoreCase(address) && attempts.incrementAndGet() == 1) {
                        throw new MailException("injected SES failure", retryable, null);
                    }
                    real.send(email);
                };
    }

    /** The sender, recording the body of every test-copy message it is given. */
    private static RequestHandler<SQSEvent, SQSBatchResponse> recordingTestCopies(
            IssueSenderHandler sender, List<String> bodies) {
        return (event, context) -> {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                if (SendJob.parse(message.getBody()).kind() == SendJob.Kind.TEST_COPY) {
                    synchronized (bodies) {
                        bodies.add(message.getBody());
                    }
                }
            }
            return sender.handleRequest(event, context);
        };
    }
}

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
import static org.newsroom.local.it.IssueSendingSupport.pending;
import static org.newsroom.local.it.IssueSendingSupport.sqs;
import static org.newsroom.local.it.NewsletterSupport.addressId;
import static org.newsroom.local.it.NewsletterSupport.stack;
import static org.newsroom.local.it.NewsletterSupport.status;
import static org.newsroom.local.it.NewsletterSupport.unsubscribePath;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.issues.SendJob;
import org.newsroom.local.Outbox;
import org.newsroom.mail.MailException;
import org.newsroom.mail.MailSender;
import org.newsroom.newsletters.issues.NewsletterIssuesHandler;
import org.newsroom.newsletters.sending.IssueSenderHandler;
import org.newsroom.subscriptions.DynamoDbNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.Newsletter;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Sending issues end to end on the local stack: the issues API enqueues a start job, the SQS poller
 * delivers the send queue to the issue sender as Lambda would (batches, partial failures, retries
 * after a visibility timeout, the RedrivePolicy's dead-letter queue), and SES is the emulator's,
 * read back through the outbox.
 *
 * <p>Each test uses newsletters of its own, added to the catalogue before any issue exists, so
 * readers other tests sign up never count. Readers are written through the subscription repository
 * the signup, confirmation and unsubscribe functions use (the same items; no confirmation request
 * item, which only asks the mailer for an email these tests do not need), suppressed ones through
 * the bounce function.
 *
 * <p>Scale: the issue asks for 300 confirmed, 20 pending, 20 unsubscribed and 10 suppressed readers
 * of one newsletter plus 50 confirmed readers of another. The emulator serves one request at a time
 * (about 400 writes/s) and its state dump, from which the outbox reads sent mail, grows slower as
 * it fills, so at that scale this class takes about 140 s. {@code make test} runs the issue's
 * numbers (300/20/20/10 + 50, and 120 readers in the failure scenarios); {@code
 * -Dnewsroom.it.fullScale=false} runs a fifth of them (60 confirmed, 8 pending, 8 unsubscribed, 4
 * suppressed, plus 15 of another newsletter, and 60 readers in the failure scenarios) for a quick
 * local loop. The failure scenarios use newsletters of their own: what they test happens per batch
 * (25 readers), not per audience size.
 */
class NewsletterSendingIT {

    static final boolean FULL_SCALE = !"false".equals(System.getProperty("newsroom.it.fullScale"));
    static final int CONFIRMED = FULL_SCALE ? 300 : 60;
    static final int PENDING = FULL_SCALE ? 20 : 8;
    static final int UNSUBSCRIBED = FULL_SCALE ? 20 : 8;
    static final int SUPPRESSED = FULL_SCALE ? 10 : 4;
    static final int OTHER_CONFIRMED = FULL_SCALE ? 50 : 15;
    static final int FLAKY_READERS = FULL_SCALE ? 120 : 60;
    static final int BROKEN_READERS = 30;
    static final int CHANGING_READERS = 20;

    private static final String SENDER = "IssueSenderFunction";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String MAIN = "it-send-" + RUN;
    private static final String OTHER = "it-other-" + RUN;
    private static final String FLAKY = "it-flaky-" + RUN;
    private static final String BROKEN = "it-broken-" + RUN;
    private static final String CHANGING = "it-changing-" + RUN;
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private static DynamoDbSubscriptionRepository repository;
    private AutoCloseable replaced;

    @BeforeAll
    static void seedNewslettersAndReaders() {
        DynamoDbNewsletterCatalogue catalogue =
                new DynamoDbNewsletterCatalogue(
                        stack().dynamo(), stack().physicalId("NewslettersTable"));
        int position = 900;
        for (String id : List.of(MAIN, OTHER, FLAKY, BROKEN, CHANGING)) {
            catalogue.put(new Newsletter(id, "IT " + id, "", "", false, ++position));
        }
        // A fresh issues function, as after a deploy: its catalogue cache may predate these.
        stack().replaceHandlerForTest("NewsletterIssuesFunction", NewsletterIssuesHandler::new);
        repository =
                new DynamoDbSubscriptionRepository(
                        stack().dynamo(), stack().physicalId("SubscriptionsTable"));
        readers(MAIN, "c", CONFIRMED).forEach(a -> confirmed(a, MAIN));
        readers(MAIN, "p", PENDING).forEach(a -> pending(a, MAIN));
        readers(MAIN, "u", UNSUBSCRIBED)
                .forEach(
                        a -> {
                            confirmed(a, MAIN);
                            repository.unsubscribe(addressId(a), MAIN, Instant.now());
                        });
        readers(MAIN, "s", SUPPRESSED)
                .forEach(
                        a -> {
                            confirmed(a, MAIN);
                            NewsletterBounceSupport.bounce(a, "Permanent");
                        });
        readers(OTHER, "c", OTHER_CONFIRMED).forEach(a -> confirmed(a, OTHER));
        readers(FLAKY, "c", FLAKY_READERS).forEach(a -> confirmed(a, FLAKY));
        readers(BROKEN, "c", BROKEN_READERS).forEach(a -> confirmed(a, BROKEN));
        readers(CHANGING, "c", CHANGING_READERS).forEach(a -> confirmed(a, CHANGING));
    }

    @AfterEach
    void restoreTheSender() throws Exception {
        if (replaced != null) {
            replaced.close();
            replaced = null;
        }
    }

    @Test
    void send_shouldMailEachConfirmedReaderOnce_withTheirOwnWorkingUnsubscribeLink() {
        List<String> batches = new ArrayList<>();
        replaced =
                stack().replaceHandlerForTest(
                                SENDER,
                                env ->
                                        recording(
                                                new IssueSenderHandler(env),
                                                job -> job.kind() == SendJob.Kind.BATCH,
                                                batches));
        String issueId = createIssue(MAIN, "Main issue " + RUN);
        JsonNode accepted = sendIssue(MAIN, issueId);
        assertEquals("sending", accepted.get("status").asText());

        JsonNode done = awaitSent(MAIN, issueId);
        assertCounts(done, CONFIRMED, CONFIRMED, 0, 0, 0);
        Map<String, List<Outbox.Email>> byReader = copiesByReader("Main issue " + RUN);
        assertEquals(Set.copyOf(readers(MAIN, "c", CONFIRMED)), byReader.keySet());
        byReader.values().forEach(copies -> assertEquals(1, copies.size()));

        Map<String, String> links = new ConcurrentHashMap<>();
        byReader.forEach((reader, copies) -> links.put(reader, unsubscribePath(copies.get(0))));
        assertEquals(CONFIRMED, new HashSet<>(links.values()).size(), "one link per reader");
        byReader.values()
                .forEach(
                        copies -> {
                            Outbox.Email email = copies.get(0);
                            assertEquals(
                                    "List-Unsubscribe=One-Click",
                                    email.header("List-Unsubscribe-Post"));
                            assertTrue(email.header("List-Id").contains(MAIN + ".newsletters."));
                            assertTrue(email.text().contains("/issues/" + issueId + "/web"));
                            assertTrue(email.text().contains("/unsubscribe?token="));
                        });

        // Each reader's link unsubscribes that reader, from this newsletter only.
        String first = readers(MAIN, "c", CONFIRMED).get(0);
        assertEquals(200, oneClick(links.get(first)).statusCode());
        assertEquals("unsubscribed", status(first, MAIN));
        assertEquals("confirmed", status(readers(MAIN, "c", CONFIRMED).get(1), MAIN));
        readers(MAIN, "c", CONFIRMED).stream()
                .skip(1)
                .forEach(reader -> assertEquals(200, oneClick(links.get(reader)).statusCode()));
        readers(MAIN, "c", CONFIRMED)
                .forEach(reader -> assertEquals("unsubscribed", status(reader, MAIN)));
        assertEquals("confirmed", status(readers(OTHER, "c", OTHER_CONFIRMED).get(0), OTHER));
    }

    @Test
    void sendingAgain_andABatchDeliveredTwice_shouldNotMailAnyoneTwice() {
        List<String> batches = new ArrayList<>();
        replaced =
                stack().replaceHandlerForTest(
                                SENDER,
                                env ->
                                        recording(
                                                new IssueSenderHandler(env),
                                                job -> job.kind() == SendJob.Kind.BATCH,
                                                batches));
        String subject = "Twice " + RUN;
        String issueId = createIssue(FLAKY, subject);
        sendIssue(FLAKY, issueId);
        // Asked again at once, while it is sending, and again once it has been sent.
        assertEquals("sending", sendIssue(FLAKY, issueId).get("status").asText());
        awaitSent(FLAKY, issueId);
        assertEquals("sent", sendIssue(FLAKY, issueId).get("status").asText());
        assertFalse(batches.isEmpty());
        try (SqsClient sqs = sqs()) {
            String queue = stack().physicalId("IssueSendQueue");
            for (String body : List.copyOf(batches)) {
                sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
            }
            awaitEmpty(sqs, queue, PATIENCE);
        }

        assertCounts(issue(FLAKY, issueId), FLAKY_READERS, FLAKY_READERS, 0, 0, 0);
        Map<String, List<Outbox.Email>> byReader = copiesByReader(subject);
        assertEquals(Set.copyOf(readers(FLAKY, "c", FLAKY_READERS)), byReader.keySet());
        byReader.values().forEach(copies -> assertEquals(1, copies.size()));
    }

    @Test
    void send_shouldMailEachReaderOnce_whenSesFailsOnSomeBatches_andTheSenderCrashes() {
        Set<String> failOnce = new HashSet<>();
        readers(FLAKY, "c", FLAKY_READERS).stream()
                .filter(a -> Math.floorMod(a.hashCode(), 10) == 0)
                .forEach(failOnce::add);
        Set<String> failedAlready = ConcurrentHashMap.newKeySet();
        AtomicInteger crashes = new AtomicInteger();
        replaced =
                stack().replaceHandlerForTest(
                                SENDER,
                                env ->
                                        crashingAfterFirstBatches(
                                                IssueSenderHandler.withMailSenderForTest(
                                                        env,
                                                        failing(
                                                                to ->
                                                                        failOnce.contains(to)
                                                                                && failedAlready
                                                                                        .add(to))),
                                                crashes));
        String subject = "Flaky " + RUN;
        String issueId = createIssue(FLAKY, subject);
        sendIssue(FLAKY, issueId);

        assertCounts(awaitSent(FLAKY, issueId), FLAKY_READERS, FLAKY_READERS, 0, 0, 0);
        assertFalse(failedAlready.isEmpty(), "SES failed for some readers");
        assertTrue(crashes.get() > 0, "the sender crashed after sending some batches");
        Map<String, List<Outbox.Email>> byReader = copiesByReader(subject);
        assertEquals(Set.copyOf(readers(FLAKY, "c", FLAKY_READERS)), byReader.keySet());
        byReader.values().forEach(copies -> assertEquals(1, copies.size()));
    }

    @Test
    void batchThatAlwaysFails_shouldEndInTheDeadLetterQueue_andCountAsFailed() {
        String broken = readers(BROKEN, "c", BROKEN_READERS).get(7);
        replaced =
                stack().replaceHandlerForTest(
                                SENDER,
                                env ->
                                        IssueSenderHandler.withMailSenderForTest(
                                                env, failing(broken::equals)));
        String subject = "Broken " + RUN;
        String issueId = createIssue(BROKEN, subject);
        sendIssue(BROKEN, issueId);

        assertCounts(awaitSent(BROKEN, issueId), BROKEN_READERS, BROKEN_READERS - 1, 1, 0, 0);
        try (SqsClient sqs = sqs()) {
            String dlq = stack().physicalId("IssueSendDeadLetterQueue");
            Message dead = awaitDeadLetter(sqs, dlq, addressId(broken));
            SendJob job = SendJob.parse(dead.body());
            assertEquals(SendJob.Kind.BATCH, job.kind());
            assertEquals(issueId, job.issueId());
            assertFalse(dead.body().contains("@"), "no address in the queues");
            sqs.deleteMessage(b -> b.queueUrl(dlq).receiptHandle(dead.receiptHandle()));
        }
        Map<String, List<Outbox.Email>> byReader = copiesByReader(subject);
        assertFalse(byReader.containsKey(broken));
        assertEquals(BROKEN_READERS - 1, byReader.size());
        byReader.values().forEach(copies -> assertEquals(1, copies.size()));
    }

    @Test
    void oneClickUnsubscribe_andABounceDuringTheSend_shouldKeepThoseReadersOutOfTheNextIssue() {
        List<String> readers = readers(CHANGING, "c", CHANGING_READERS);
        String leaving = readers.get(3);
        String bouncing = readers.get(11);
        replaced =
                stack().replaceHandlerForTest(
                                SENDER,
                                env ->
                                        IssueSenderHandler.withMailSenderForTest(
                                                env, bouncingAfterSend(bouncing)));
        String first = "Changing first " + RUN;
        String firstId = createIssue(CHANGING, first);
        sendIssue(CHANGING, firstId);
        assertCounts(awaitSent(CHANGING, firstId), CHANGING_READERS, CHANGING_READERS, 0, 0, 0);
        Map<String, List<Outbox.Email>> firstCopies = copiesByReader(first);
        assertEquals(CHANGING_READERS, firstCopies.size());
        assertEquals("suppressed", status(bouncing, CHANGING));
        assertEquals(200, oneClick(unsubscribePath(firstCopies.get(leaving).get(0))).statusCode());
        assertEquals("unsubscribed", status(leaving, CHANGING));

        String second = "Changing second " + RUN;
        String secondId = createIssue(CHANGING, second);
        sendIssue(CHANGING, secondId);
        assertCounts(
                awaitSent(CHANGING, secondId), CHANGING_READERS - 2, CHANGING_READERS - 2, 0, 0, 0);
        Set<String> expected = new HashSet<>(readers);
        expected.remove(leaving);
        expected.remove(bouncing);
        Map<String, List<Outbox.Email>> secondCopies = copiesByReader(second);
        assertEquals(expected, secondCopies.keySet());
        secondCopies.values().forEach(copies -> assertEquals(1, copies.size()));
    }

    // --- readers ---

    /** The test's addresses of one kind for a newsletter, in a stable order. */
    private static List<String> readers(String newsletter, String kind, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> newsletter + "-" + kind + i + "@example.org")
                .toList();
    }

    // --- the issues API ---

    private static String createIssue(String newsletter, String subject) {
        String body =
                Json.object()
                        .put("subject", subject)
                        .put(
                                "html",
                                "<h1>"
                                        + subject
                                        + "</h1><p>The council met on Tuesday.</p>"
                                        + "<script>alert(1)</script>")
                        .toString();
        HttpResponse<String> response =
                admin("/newsletters/" + newsletter + "/issues", "POST", body);
        assertEquals(201, response.statusCode(), response.body());
        JsonNode created = Json.parse(response.body());
        assertEquals("draft", created.get("status").asText());
        return created.get("issueId").asText();
    }

    private static JsonNode sendIssue(String newsletter, String issueId) {
        HttpResponse<String> response =
                admin("/newsletters/" + newsletter + "/issues/" + issueId + "/send", "POST", "{}");
        assertEquals(202, response.statusCode(), response.body());
        assertTrue(
                response.headers()
                        .firstValue("content-type")
                        .orElse("")
                        .startsWith("application/json"));
        return Json.parse(response.body());
    }

    private static JsonNode issue(String newsletter, String issueId) {
        HttpResponse<String> response =
                admin("/newsletters/" + newsletter + "/issues/" + issueId, "GET", null);
        assertEquals(200, response.statusCode(), response.body());
        return Json.parse(response.body());
    }

    /** Waits for the issue to be sent: every recipient has an outcome. */
    private static JsonNode awaitSent(String newsletter, String issueId) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = issue(newsletter, issueId);
            if ("sent".equals(last.get("status").asText())) {
                return last;
            }
            pause(250);
        }
        return fail("The issue was not sent; last status " + last);
    }

    private static void assertCounts(
            JsonNode issue,
            long recipients,
            long sent,
            long failed,
            long suppressed,
            long skipped) {
        assertEquals(recipients, issue.get("recipients").asLong(), "recipients " + issue);
        assertEquals(sent, issue.get("sent").asLong(), "sent " + issue);
        assertEquals(failed, issue.get("failed").asLong(), "failed " + issue);
        assertEquals(suppressed, issue.get("suppressed").asLong(), "suppressed " + issue);
        assertEquals(skipped, issue.get("skipped").asLong(), "skipped " + issue);
        assertTrue(issue.hasNonNull("startedAt") && issue.hasNonNull("finishedAt"));
    }

    /** The copies of one issue (by its subject), by recipient. */
    private static Map<String, List<Outbox.Email>> copiesByReader(String subject) {
        return stack().outbox().messages().stream()
                .filter(e -> e.subject().equals(subject))
                .collect(Collectors.groupingBy(e -> e.to().get(0).toLowerCase()));
    }

    // --- the queues ---

    private static Message awaitDeadLetter(SqsClient sqs, String dlq, String addressId) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (Message message :
                    sqs.receiveMessage(
                                    b ->
                                            b.queueUrl(dlq)
                                                    .maxNumberOfMessages(10)
                                                    .visibilityTimeout(1)
                                                    .waitTimeSeconds(0))
                            .messages()) {
                if (message.body().contains(addressId)) {
                    return message;
                }
            }
            pause(250);
        }
        return fail("The failing batch did not reach the dead-letter queue");
    }

    // --- injected behaviour ---

    /**
     * A mail sender that throws a retryable failure (as after SES kept throttling) when told to.
     */
    private static UnaryOperator<MailSender> failing(Predicate<String> failFor) {
        return real ->
                email -> {
                    if (failFor.test(email.to().toLowerCase())) {
                        throw new MailException("injected SES failure", true, null);
                    }
                    real.send(email);
                };
    }

    /** A mail sender whose SES reports a permanent bounce for one address right after its send. */
    private static UnaryOperator<MailSender> bouncingAfterSend(String address) {
        return real ->
                email -> {
                    real.send(email);
                    if (email.to().equalsIgnoreCase(address)) {
                        NewsletterBounceSupport.bounce(address, "Permanent");
                    }
                };
    }

    /** The sender, recording the body of every message whose job matches. */
    private static RequestHandler<SQSEvent, SQSBatchResponse> recording(
            IssueSenderHandler sender, Predicate<SendJob> which, List<String> bodies) {
        return (event, context) -> {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                if (which.test(SendJob.parse(message.getBody()))) {
                    synchronized (bodies) {
                        bodies.add(message.getBody());
                    }
                }
            }
            return sender.handleRequest(event, context);
        };
    }

    /**
     * The sender, failing its first two invocations that carry a batch after it did all their work
     * (as when a function times out before it returns): the whole event comes back.
     */
    private static RequestHandler<SQSEvent, SQSBatchResponse> crashingAfterFirstBatches(
            IssueSenderHandler sender, AtomicInteger crashes) {
        return (SQSEvent event, Context context) -> {
            SQSBatchResponse response = sender.handleRequest(event, context);
            boolean batch =
                    event.getRecords().stream()
                            .anyMatch(m -> SendJob.parse(m.getBody()).kind() == SendJob.Kind.BATCH);
            if (batch && crashes.get() < 2 && crashes.incrementAndGet() <= 2) {
                throw new IllegalStateException("injected crash after the work was done");
            }
            return response;
        };
    }
}

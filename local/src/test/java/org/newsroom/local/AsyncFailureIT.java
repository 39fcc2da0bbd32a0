package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.newsroom.local.it.LocalStackSupport.await;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.local.it.LocalStackSupport;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A bounce notice whose handling keeps failing ends, as on AWS, in the bounce handler's on-failure
 * destination after the template's retries, as a failure record the redrive replays.
 */
class AsyncFailureIT {

    @Test
    void snsDelivery_shouldSendTheFailureRecordToTheBounceQueue_afterTheTemplatesRetries()
            throws IOException {
        LocalStack stack = LocalStackSupport.stack();
        String address = "async-failure-" + UUID.randomUUID() + "@example.org";
        String notice =
                Json.parse(
                                Files.readString(
                                        root().resolve(
                                                        "events/bounce-handler/permanent-bounce.json")))
                        .get("Records")
                        .get(0)
                        .get("Sns")
                        .get("Message")
                        .asText()
                        .replace("bounced@example.org", address);
        AtomicInteger calls = new AtomicInteger();
        RequestHandler<SNSEvent, String> failing =
                (event, context) -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("storage down");
                };
        AsyncFailures failures =
                AsyncFailures.of(
                        stack.model().template(), "BounceHandlerFunction", stack::physicalId);
        String queueUrl = stack.physicalId("BounceDeadLetterQueue");

        try (SnsClient sns =
                        SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
                SqsClient sqs =
                        SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            // A topic of its own, so the stack's real bounce handler does not see the notice.
            String topic =
                    sns.createTopic(b -> b.name("async-failure-" + UUID.randomUUID())).topicArn();
            SnsDelivery delivery =
                    new SnsDelivery("BounceHandlerFunction", topic, failing, failures);
            delivery.start();
            Message parked;
            try {
                sns.publish(b -> b.topicArn(topic).message(notice));
                parked =
                        await(
                                "the failure record in BounceDeadLetterQueue",
                                () ->
                                        sqs
                                                .receiveMessage(
                                                        b ->
                                                                b.queueUrl(queueUrl)
                                                                        .maxNumberOfMessages(10)
                                                                        .waitTimeSeconds(0))
                                                .messages()
                                                .stream()
                                                .filter(m -> m.body().contains(address))
                                                .findFirst());
            } finally {
                delivery.close();
            }

            assertEquals(
                    failures.attempts(), calls.get(), "the first attempt and MaximumRetryAttempts");
            JsonNode record = Json.parse(parked.body());
            assertEquals("RetriesExhausted", record.at("/requestContext/condition").asText());
            assertEquals(3, record.at("/requestContext/approximateInvokeCount").asInt());
            assertEquals("aws:sns", record.at("/requestPayload/Records/0/EventSource").asText());
            FailureRecord.AsyncInvocation failed =
                    assertInstanceOf(
                            FailureRecord.AsyncInvocation.class,
                            FailureRecord.parse(parked.body()));

            // The replay `make redrive` does: the record's event through the real bounce handler.
            Redrive.inProcess(name -> stack.handler(FailureRecord.functionName(name)))
                    .invoke(failed.functionArn().orElseThrow(), failed.payloadJson());
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(parked.receiptHandle()));
            assertEquals(
                    Optional.of("BounceHandlerFunction"),
                    failed.functionArn().map(FailureRecord::functionName));
        }
    }

    private static Path root() {
        return Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
    }
}

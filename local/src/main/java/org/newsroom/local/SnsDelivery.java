package org.newsroom.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Emulates an {@code SNS} event of a function: subscribes a private queue of the emulator to the
 * topic (the emulator's SNS delivers to SQS, not to functions), and invokes the function with an
 * {@link SNSEvent} for each notification, as Lambda would. A message whose invocation throws stays
 * in the queue and comes back after its visibility timeout: Lambda's retries of an asynchronous
 * invocation. After the last one ({@link AsyncFailures}: the template's {@code
 * MaximumRetryAttempts}) its failure record goes to the function's on-failure destination.
 * Publishing to the topic locally (for example an SES bounce event) thus reaches the function.
 */
final class SnsDelivery implements LocalService {

    private static final String RECEIVE_COUNT = "ApproximateReceiveCount";

    private final String functionName;
    private final String topicArn;
    private final RequestHandler<SNSEvent, ?> handler;
    private final AsyncFailures failures;
    private final SqsClient sqs =
            SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    private final SnsClient sns =
            SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    private volatile boolean running;
    private Thread thread;
    private String queueUrl;

    @SuppressWarnings("unchecked")
    SnsDelivery(String functionName, String topicArn, Object handler, AsyncFailures failures) {
        this.functionName = functionName;
        this.topicArn = topicArn;
        this.handler = (RequestHandler<SNSEvent, ?>) handler;
        this.failures = failures;
    }

    @Override
    public void start() {
        String queueName =
                functionName + "-sns-" + topicArn.substring(topicArn.lastIndexOf(':') + 1);
        queueUrl =
                sqs.createQueue(
                                b ->
                                        b.queueName(queueName)
                                                .attributes(
                                                        Map.of(
                                                                QueueAttributeName
                                                                        .VISIBILITY_TIMEOUT,
                                                                "5")))
                        .queueUrl();
        String queueArn =
                sqs.getQueueAttributes(
                                b ->
                                        b.queueUrl(queueUrl)
                                                .attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes()
                        .get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        running = true;
        thread = new Thread(this::loop, "sns-" + functionName);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                // Short polls: a long poll would hold the single-threaded emulator for everyone.
                List<Message> messages =
                        sqs.receiveMessage(
                                        b ->
                                                b.queueUrl(queueUrl)
                                                        .maxNumberOfMessages(10)
                                                        .waitTimeSeconds(0)
                                                        .attributeNamesWithStrings(RECEIVE_COUNT))
                                .messages();
                if (messages.isEmpty()) {
                    Pause.quietly(500);
                }
                for (Message message : messages) {
                    if (deliver(message.body(), receiveCount(message))) {
                        sqs.deleteMessage(
                                b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    }
                }
            } catch (SdkException e) {
                if (running) {
                    System.out.println(
                            "local: SNS delivery to "
                                    + functionName
                                    + ": "
                                    + e.getClass().getSimpleName());
                    Pause.quietly(1000);
                }
            }
        }
    }

    private static int receiveCount(Message message) {
        try {
            return Integer.parseInt(message.attributesAsStrings().getOrDefault(RECEIVE_COUNT, "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Invokes the function with one notification; false when it failed and is to be retried, true
     * when it is done with (handled, or handed to the failure destination after the last attempt).
     */
    private boolean deliver(String envelope, int attempt) {
        JsonNode body = Json.parse(envelope);
        SNSEvent.SNS notification = new SNSEvent.SNS();
        notification.setType(body.path("Type").asText("Notification"));
        notification.setMessageId(body.path("MessageId").asText());
        notification.setTopicArn(body.path("TopicArn").asText(topicArn));
        notification.setSubject(
                body.path("Subject").isTextual() ? body.path("Subject").asText() : null);
        notification.setMessage(body.path("Message").asText());
        notification.setSignatureVersion(body.path("SignatureVersion").asText("1"));
        SNSEvent.SNSRecord record = new SNSEvent.SNSRecord();
        record.setEventSource("aws:sns");
        record.setEventVersion("1.0");
        record.setEventSubscriptionArn(topicArn + ":local");
        record.setSns(notification);
        SNSEvent event = new SNSEvent();
        event.setRecords(List.of(record));
        try {
            handler.handleRequest(event, new LocalContext(functionName, 15));
            return true;
        } catch (RuntimeException e) {
            if (attempt >= failures.attempts()) {
                failures.exhausted(lambdaJson(event), e, attempt);
                return true;
            }
            System.out.println(
                    "local: "
                            + functionName
                            + " failed on an SNS notification (attempt "
                            + attempt
                            + " of "
                            + failures.attempts()
                            + "): "
                            + e.getClass().getSimpleName());
            return false;
        }
    }

    /** The event as Lambda serialises it ({@code Records}, {@code Sns}), for a replay to read. */
    private static String lambdaJson(SNSEvent event) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(SNSEvent.class, SNSEvent.class.getClassLoader())
                .toJson(event, json);
        return json.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        Pause.stop(thread, 3000);
        sqs.close();
        sns.close();
    }
}

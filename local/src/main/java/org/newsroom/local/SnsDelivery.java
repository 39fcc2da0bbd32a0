package org.newsroom.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.newsroom.core.json.Json;
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
 * in the queue and comes back after its visibility timeout: SNS's retries. Publishing to the topic
 * locally (for example an SES bounce event) thus reaches the function.
 */
final class SnsDelivery implements LocalService {

    private final String functionName;
    private final String topicArn;
    private final RequestHandler<SNSEvent, ?> handler;
    private final SqsClient sqs =
            SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    private final SnsClient sns =
            SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    private volatile boolean running;
    private Thread thread;
    private String queueUrl;

    @SuppressWarnings("unchecked")
    SnsDelivery(String functionName, String topicArn, Object handler) {
        this.functionName = functionName;
        this.topicArn = topicArn;
        this.handler = (RequestHandler<SNSEvent, ?>) handler;
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
                                                        .waitTimeSeconds(0))
                                .messages();
                if (messages.isEmpty()) {
                    pause(500);
                }
                for (Message message : messages) {
                    if (deliver(message.body())) {
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
                    pause(1000);
                }
            }
        }
    }

    /** Invokes the function with one notification; false when it failed (to be retried). */
    private boolean deliver(String envelope) {
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
            System.out.println(
                    "local: "
                            + functionName
                            + " failed on an SNS notification: "
                            + e.getClass().getSimpleName());
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sqs.close();
        sns.close();
    }
}

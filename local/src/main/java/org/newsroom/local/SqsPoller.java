package org.newsroom.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Emulates a Lambda event source mapping on an SQS queue, from the template's {@code Type: SQS}
 * event: receives up to {@code BatchSize} messages, invokes the function with an {@link SQSEvent}
 * built as Lambda builds it (message id, receipt handle, body, system attributes including {@code
 * ApproximateReceiveCount}, the queue's ARN), and deletes what succeeded. With {@code
 * ReportBatchItemFailures} every message but the reported ones is deleted; when the function
 * throws, none is. A message left in the queue comes back once its visibility timeout ends, and the
 * queue's {@code RedrivePolicy} (which the emulator applies on receive, as SQS does) moves it to
 * the dead-letter queue after {@code maxReceiveCount} receives.
 *
 * <p>Locally a failed message is visible again after {@value #RETRY_DELAY_SECONDS} seconds instead
 * of the queue's visibility timeout, so retries show within seconds; while the function runs, its
 * messages stay hidden for the function's timeout, as on AWS. {@code ScalingConfig.
 * MaximumConcurrency} pollers run side by side (at most {@value #MAX_LOCAL_CONCURRENCY}).
 */
final class SqsPoller implements LocalService {

    static final int RETRY_DELAY_SECONDS = 2;
    static final int MAX_LOCAL_CONCURRENCY = 2;

    /** The settings of one mapping, as the template states them (resolved). */
    record Settings(
            String functionName,
            String queueArn,
            int batchSize,
            boolean reportItemFailures,
            int concurrency,
            int timeoutSeconds) {

        static Settings from(String functionName, Map<String, Object> props, int timeoutSeconds) {
            Object types = props.get("FunctionResponseTypes");
            boolean report =
                    types instanceof List<?> list && list.contains("ReportBatchItemFailures");
            Object max = Template.map(props.get("ScalingConfig")).get("MaximumConcurrency");
            int concurrency = max == null ? 1 : Integer.parseInt(String.valueOf(max));
            return new Settings(
                    functionName,
                    String.valueOf(props.get("Queue")),
                    props.get("BatchSize") == null
                            ? 10
                            : Integer.parseInt(String.valueOf(props.get("BatchSize"))),
                    report,
                    Math.max(1, Math.min(MAX_LOCAL_CONCURRENCY, concurrency)),
                    timeoutSeconds);
        }

        String queueName() {
            return queueArn.substring(queueArn.lastIndexOf(':') + 1);
        }
    }

    private final Settings settings;
    private final Supplier<Object> handler;
    private final SqsClient sqs =
            SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private String queueUrl;

    /**
     * @param handler the function's current handler, looked up at each invocation (a test may
     *     replace it)
     */
    SqsPoller(Settings settings, Supplier<Object> handler) {
        this.settings = settings;
        this.handler = handler;
    }

    @Override
    public void start() {
        queueUrl = sqs.getQueueUrl(b -> b.queueName(settings.queueName())).queueUrl();
        running = true;
        for (int i = 0; i < settings.concurrency(); i++) {
            Thread thread = new Thread(this::loop, "sqs-" + settings.functionName() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void loop() {
        // Idle polls back off to 500 ms, like the stream poller: the emulator serves one request
        // at a time, and short polls never hold it.
        long idle = 100;
        while (running) {
            boolean busy = false;
            try {
                List<Message> batch = receive();
                if (!batch.isEmpty()) {
                    busy = true;
                    deliver(batch);
                }
            } catch (SdkException e) {
                if (running) {
                    System.out.println(
                            "local: SQS poller for "
                                    + settings.functionName()
                                    + ": "
                                    + e.getClass().getSimpleName());
                }
                Pause.quietly(1000);
            }
            if (busy) {
                idle = 100;
            } else {
                Pause.quietly(idle);
                idle = Math.min(500, idle * 2);
            }
        }
    }

    /** Up to BatchSize messages, ten per ReceiveMessage (the SQS maximum). */
    private List<Message> receive() {
        List<Message> batch = new ArrayList<>();
        while (batch.size() < settings.batchSize()) {
            int wanted = Math.min(10, settings.batchSize() - batch.size());
            List<Message> received =
                    sqs.receiveMessage(
                                    b ->
                                            b.queueUrl(queueUrl)
                                                    .maxNumberOfMessages(wanted)
                                                    .waitTimeSeconds(0)
                                                    .visibilityTimeout(settings.timeoutSeconds())
                                                    .messageSystemAttributeNamesWithStrings("All")
                                                    .messageAttributeNames("All"))
                            .messages();
            batch.addAll(received);
            if (received.size() < wanted) {
                break;
            }
        }
        return batch;
    }

    /** One invocation; deletes the messages that succeeded and schedules the rest for retry. */
    void deliver(List<Message> batch) {
        Set<String> failed = invoke(batch);
        for (Message message : batch) {
            if (failed.contains(message.messageId())) {
                sqs.changeMessageVisibility(
                        b ->
                                b.queueUrl(queueUrl)
                                        .receiptHandle(message.receiptHandle())
                                        .visibilityTimeout(RETRY_DELAY_SECONDS));
            } else {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** The ids of the messages to retry. */
    @SuppressWarnings("unchecked")
    private Set<String> invoke(List<Message> batch) {
        Set<String> all = batch.stream().map(Message::messageId).collect(Collectors.toSet());
        SQSEvent event = new SQSEvent();
        event.setRecords(batch.stream().map(this::toLambda).toList());
        Object response;
        try {
            response =
                    ((RequestHandler<SQSEvent, Object>) handler.get())
                            .handleRequest(
                                    event,
                                    new LocalContext(
                                            settings.functionName(), settings.timeoutSeconds()));
        } catch (RuntimeException e) {
            System.out.println(
                    "local: "
                            + settings.functionName()
                            + " failed on an SQS batch: "
                            + e.getClass().getSimpleName());
            return all;
        }
        if (!settings.reportItemFailures()
                || !(response instanceof SQSBatchResponse batchResponse)
                || batchResponse.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> failed = new java.util.HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : batchResponse.getBatchItemFailures()) {
            String id = failure.getItemIdentifier();
            if (id == null || !all.contains(id)) {
                // An unknown or empty identifier fails the whole batch, as Lambda does.
                return all;
            }
            failed.add(id);
        }
        return failed;
    }

    private SQSEvent.SQSMessage toLambda(Message message) {
        SQSEvent.SQSMessage out = new SQSEvent.SQSMessage();
        out.setMessageId(message.messageId());
        out.setReceiptHandle(message.receiptHandle());
        out.setBody(message.body());
        out.setMd5OfBody(message.md5OfBody());
        out.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        out.setEventSource("aws:sqs");
        out.setEventSourceArn(settings.queueArn());
        out.setAwsRegion(Intrinsics.REGION);
        Map<String, String> attributes = new LinkedHashMap<>();
        message.attributesAsStrings().forEach(attributes::put);
        out.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new LinkedHashMap<>();
        message.messageAttributes()
                .forEach((name, value) -> messageAttributes.put(name, toLambda(value)));
        out.setMessageAttributes(messageAttributes);
        return out;
    }

    private static SQSEvent.MessageAttribute toLambda(MessageAttributeValue value) {
        SQSEvent.MessageAttribute out = new SQSEvent.MessageAttribute();
        out.setDataType(value.dataType());
        out.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            out.setBinaryValue(value.binaryValue().asByteBuffer());
        }
        return out;
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(thread -> Pause.stop(thread, 3000));
        sqs.close();
    }
}

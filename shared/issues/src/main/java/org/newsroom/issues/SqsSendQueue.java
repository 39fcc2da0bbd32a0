package org.newsroom.issues;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.newsroom.core.aws.Lazy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** {@link SendQueue} on an SQS standard queue: SendMessage, or SendMessageBatch ten at a time. */
public final class SqsSendQueue implements SendQueue {

    private static final int SQS_BATCH = 10;
    private static final int ATTEMPTS = 3;

    private final java.util.function.Supplier<SqsClient> sqs;
    private final String queueUrl;

    public SqsSendQueue(SqsClient sqs, String queueUrl) {
        this.sqs = () -> sqs;
        this.queueUrl = queueUrl;
    }

    /**
     * A queue whose client is built on the first send: the newsletter issues function enqueues only
     * when an editor sends an issue, so its other requests do not pay for an SQS client.
     */
    public SqsSendQueue(java.util.function.Supplier<SqsClient> factory, String queueUrl) {
        this.sqs = Lazy.of(factory);
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(SendJob job, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(MAX_DELAY.toSeconds(), delay.toSeconds()));
        try {
            sqs.get()
                    .sendMessage(
                            b ->
                                    b.queueUrl(queueUrl)
                                            .messageBody(job.toJson())
                                            .delaySeconds(seconds));
        } catch (SdkException e) {
            throw new SendQueueException("Could not enqueue a send job", e);
        }
    }

    @Override
    public void sendAll(List<SendJob> jobs) {
        for (int from = 0; from < jobs.size(); from += SQS_BATCH) {
            List<SendJob> chunk = jobs.subList(from, Math.min(jobs.size(), from + SQS_BATCH));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(
                        SendMessageBatchRequestEntry.builder()
                                .id(Integer.toString(i))
                                .messageBody(chunk.get(i).toJson())
                                .build());
            }
            sendBatch(entries);
        }
    }

    private void sendBatch(List<SendMessageBatchRequestEntry> entries) {
        List<SendMessageBatchRequestEntry> pending = entries;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            SendMessageBatchResponse response;
            try {
                List<SendMessageBatchRequestEntry> current = pending;
                response = sqs.get().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(current));
            } catch (SdkException e) {
                throw new SendQueueException("Could not enqueue send jobs", e);
            }
            if (!response.hasFailed() || response.failed().isEmpty()) {
                return;
            }
            if (attempt >= ATTEMPTS) {
                throw new SendQueueException(
                        "SQS refused " + response.failed().size() + " send jobs", null);
            }
            List<String> failed = response.failed().stream().map(f -> f.id()).toList();
            pending = pending.stream().filter(e -> failed.contains(e.id())).toList();
        }
    }
}

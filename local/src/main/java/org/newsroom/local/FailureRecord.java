package org.newsroom.local;

import java.math.BigInteger;
import java.util.Optional;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * One message of a dead-letter or failure queue, as Lambda writes it. Three shapes exist:
 *
 * <ul>
 *   <li>{@link AsyncInvocation}: an asynchronous invocation (SNS, EventBridge schedule) that failed
 *       after its retries went to an on-failure destination; the message carries the original event
 *       as {@code requestPayload}, so replaying it is invoking the function again;
 *   <li>{@link StreamBatch}: a stream batch that failed or aged out; the message carries only where
 *       the records were ({@code DDBStreamBatchInfo}: shard and sequence-number range), never the
 *       records, which must be read again from the stream while it keeps them (24 h);
 *   <li>{@link RawEvent}: a classic Lambda dead-letter queue message, the event itself.
 * </ul>
 */
public sealed interface FailureRecord {

    /**
     * The function that failed, from the record's {@code requestContext.functionArn}, when it names
     * one.
     */
    Optional<String> functionArn();

    /**
     * An asynchronous invocation's failure record: {@code requestPayload} is the event to replay.
     */
    record AsyncInvocation(Optional<String> functionArn, String condition, String payloadJson)
            implements FailureRecord {}

    /** A stream batch's failure record: where the records were, not the records. */
    record StreamBatch(
            Optional<String> functionArn,
            String condition,
            String streamArn,
            String shardId,
            String startSequenceNumber,
            String endSequenceNumber,
            int batchSize)
            implements FailureRecord {

        /**
         * Whether a record's sequence number lies in this batch's range (numeric comparison, as
         * DynamoDB orders them).
         */
        public boolean covers(String sequenceNumber) {
            BigInteger n = new BigInteger(sequenceNumber);
            return n.compareTo(new BigInteger(startSequenceNumber)) >= 0
                    && n.compareTo(new BigInteger(endSequenceNumber)) <= 0;
        }

        /**
         * Whether a sequence number is past the end of the range (reading further is pointless).
         */
        public boolean isAfter(String sequenceNumber) {
            return new BigInteger(sequenceNumber).compareTo(new BigInteger(endSequenceNumber)) > 0;
        }
    }

    /**
     * A message that is the event itself (classic {@code DeadLetterQueue}); the function is not
     * named in it.
     */
    record RawEvent(String eventJson) implements FailureRecord {
        @Override
        public Optional<String> functionArn() {
            return Optional.empty();
        }
    }

    /**
     * Reads one queue message body.
     *
     * @throws IllegalArgumentException when the body is not JSON, or is a stream record without its
     *     batch info
     */
    static FailureRecord parse(String body) {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "The message is not JSON, so it is no failure record or event", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(
                    "The message is not a JSON object, so it is no failure record or event");
        }
        JsonNode context = root.path("requestContext");
        Optional<String> functionArn = text(context.path("functionArn"));
        String condition = text(context.path("condition")).orElse("unknown");
        JsonNode batch = root.path("DDBStreamBatchInfo");
        if (batch.isObject()) {
            String stream =
                    text(batch.path("streamArn"))
                            .orElseThrow(() -> missing("DDBStreamBatchInfo.streamArn"));
            String shard =
                    text(batch.path("shardId"))
                            .orElseThrow(() -> missing("DDBStreamBatchInfo.shardId"));
            String start =
                    text(batch.path("startSequenceNumber"))
                            .orElseThrow(() -> missing("DDBStreamBatchInfo.startSequenceNumber"));
            String end =
                    text(batch.path("endSequenceNumber"))
                            .orElseThrow(() -> missing("DDBStreamBatchInfo.endSequenceNumber"));
            return new StreamBatch(
                    functionArn,
                    condition,
                    stream,
                    shard,
                    start,
                    end,
                    batch.path("batchSize").asInt(0));
        }
        if (root.has("requestPayload") && context.isObject()) {
            return new AsyncInvocation(
                    functionArn, condition, root.get("requestPayload").toString());
        }
        return new RawEvent(root.toString());
    }

    /**
     * The function's name or ARN without an alias or version qualifier, or the ARN's function name.
     */
    static String functionName(String functionArn) {
        String[] parts = functionArn.split(":");
        // arn:aws:lambda:region:account:function:name[:qualifier]
        return parts.length >= 7 && "function".equals(parts[5]) ? parts[6] : functionArn;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank()
                ? Optional.of(node.asText())
                : Optional.empty();
    }

    private static IllegalArgumentException missing(String field) {
        return new IllegalArgumentException(
                "A stream failure record without " + field + " cannot be replayed");
    }
}

package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.newsroom.local.it.NewsletterSupport.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.local.FailureRecord;
import org.newsroom.local.Redrive;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code make redrive} against the emulator: failure records replayed through the template's
 * functions.
 */
class RedriveIT {

    @Test
    void redrive_shouldApplyAFailedBounce_andEmptyTheQueue() throws IOException {
        String address = uniqueAddress("redrive");
        subscribeJson("{\"email\":\"" + address + "\",\"newsletters\":[\"daily-briefing\"]}");
        assertEquals("pending", status(address, "daily-briefing"));
        // What Lambda puts on the on-failure destination after the bounce handler's retries.
        String failureRecord =
                Files.readString(root().resolve("events/redrive/bounce-failure-record.json"))
                        .replace("bounced@example.org", address);
        String queueUrl = stack().physicalId("BounceDeadLetterQueue");

        try (SqsClient sqs =
                        SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
                DynamoDbStreamsClient streams =
                        DynamoDbStreamsClient.builder()
                                .httpClient(UrlConnectionHttpClient.create())
                                .build()) {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(failureRecord));

            Redrive.Result result = redrive(sqs, streams, "BounceHandlerFunction", queueUrl);

            assertEquals(new Redrive.Result(1, 0, 0), result);
            assertEquals("suppressed", status(address, "daily-briefing"));
            assertEquals(
                    "0",
                    sqs
                                    .getQueueAttributes(
                                            b ->
                                                    b.queueUrl(queueUrl)
                                                            .attributeNames(
                                                                    QueueAttributeName
                                                                            .APPROXIMATE_NUMBER_OF_MESSAGES,
                                                                    QueueAttributeName
                                                                            .APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                                    .attributes()
                                    .entrySet()
                                    .stream()
                                    .mapToInt(e -> Integer.parseInt(e.getValue()))
                                    .sum()
                            + "");
        }
    }

    @Test
    void redrive_shouldReReadAStreamBatchFromTheStream_andNotSendTwice() {
        String address = uniqueAddress("redrive-stream");
        subscribeJson("{\"email\":\"" + address + "\",\"newsletters\":[\"daily-briefing\"]}");
        awaitEmail(address);
        String streamArn =
                stack().dynamo()
                        .describeTable(b -> b.tableName(stack().physicalId("SubscriptionsTable")))
                        .table()
                        .latestStreamArn();
        String queueUrl = stack().physicalId("ConfirmationDeadLetterQueue");

        try (SqsClient sqs =
                        SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
                DynamoDbStreamsClient streams =
                        DynamoDbStreamsClient.builder()
                                .httpClient(UrlConnectionHttpClient.create())
                                .build()) {
            // The metadata Lambda sends when a batch exhausts its retries: where the records are,
            // not the records.
            String[] found = confirmationRecord(streams, streamArn, addressId(address));
            String record =
                    Json.object()
                            .<org.newsroom.core.json.ObjectNode>set(
                                    "requestContext",
                                    Json.object()
                                            .put(
                                                    "functionArn",
                                                    "arn:aws:lambda:us-east-1:123456789012:function:ConfirmationMailerFunction")
                                            .put("condition", "RetryAttemptsExhausted"))
                            .set(
                                    "DDBStreamBatchInfo",
                                    Json.object()
                                            .put("shardId", found[0])
                                            .put("startSequenceNumber", found[1])
                                            .put("endSequenceNumber", found[1])
                                            .put("batchSize", 1)
                                            .put("streamArn", streamArn))
                            .toString();
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(record));

            Redrive.Result result = redrive(sqs, streams, "ConfirmationMailerFunction", queueUrl);

            assertEquals(
                    new Redrive.Result(1, 0, 0), result, "the record was read again and handled");
            barrier();
            assertEquals(
                    1,
                    emailsTo(address).size(),
                    "the mailer's claim keeps a replay from sending twice");
        }
    }

    private static Redrive.Result redrive(
            SqsClient sqs, DynamoDbStreamsClient streams, String function, String queueUrl) {
        Redrive.Invoker invoker =
                Redrive.inProcess(name -> stack().handler(FailureRecord.functionName(name)));
        return new Redrive(sqs, streams, invoker, Optional.of(function), System.out).run(queueUrl);
    }

    /** Shard id and sequence number of the full INSERT of the address's confirmation request. */
    private static String[] confirmationRecord(
            DynamoDbStreamsClient streams, String streamArn, String addressId) {
        for (Shard shard :
                streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            String iterator =
                    streams.getShardIterator(
                                    b ->
                                            b.streamArn(streamArn)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            List<Record> records = new ArrayList<>();
            for (int i = 0; i < 50 && iterator != null; i++) {
                String current = iterator;
                var response = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                records.addAll(response.records());
                if (response.records().isEmpty()) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
            for (Record record : records) {
                var keys = record.dynamodb().keys();
                if (addressId.equals(keys.get("pk").s())
                        && keys.get("sk").s().startsWith("CONFIRM#")
                        && record.dynamodb().hasNewImage()
                        && record.dynamodb().newImage().size() > 2) {
                    return new String[] {shard.shardId(), record.dynamodb().sequenceNumber()};
                }
            }
        }
        throw new AssertionError("no confirmation request of the address in the stream");
    }

    private static Path root() {
        return Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
    }
}

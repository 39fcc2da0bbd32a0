package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** The redrive's reading of failure-queue messages and its replay rules, without any network. */
class RedriveTest {

    @Test
    void parse_shouldReturnTheOriginalEvent_whenAsyncInvocationFailureRecord() throws IOException {
        FailureRecord record = FailureRecord.parse(event("redrive/bounce-failure-record.json"));

        FailureRecord.AsyncInvocation async =
                assertInstanceOf(FailureRecord.AsyncInvocation.class, record);
        assertEquals("RetriesExhausted", async.condition());
        assertEquals(
                Optional.of(
                        "arn:aws:lambda:us-east-1:123456789012:function:newsroom-BounceHandlerFunction-AbC123:live"),
                async.functionArn());
        assertEquals(
                Json.parse(event("bounce-handler/permanent-bounce.json")),
                Json.parse(async.payloadJson()));
    }

    @Test
    void parse_shouldReturnTheScheduleEvent_whenGiftMailRunFailed() throws IOException {
        FailureRecord.AsyncInvocation async =
                assertInstanceOf(
                        FailureRecord.AsyncInvocation.class,
                        FailureRecord.parse(event("redrive/gift-mail-failure-record.json")));
        assertEquals(
                "Scheduled Event", Json.parse(async.payloadJson()).path("detail-type").asText());
    }

    @Test
    void parse_shouldReturnTheStreamRange_whenStreamBatchFailureRecord() throws IOException {
        FailureRecord.StreamBatch batch =
                assertInstanceOf(
                        FailureRecord.StreamBatch.class,
                        FailureRecord.parse(
                                event("redrive/confirmation-stream-failure-record.json")));

        assertEquals("RetryAttemptsExhausted", batch.condition());
        assertEquals("shardId-00000001764150000000-0a1b2c3d", batch.shardId());
        assertEquals("4421584500000000017450439091", batch.startSequenceNumber());
        assertEquals("4421584500000000017450439099", batch.endSequenceNumber());
        assertEquals(3, batch.batchSize());
        assertTrue(batch.streamArn().contains(":table/") && batch.streamArn().contains("/stream/"));
    }

    @Test
    void streamRange_shouldCompareSequenceNumbersAsNumbers_notAsText() {
        FailureRecord.StreamBatch batch =
                new FailureRecord.StreamBatch(
                        Optional.empty(), "x", "arn", "shard", "999", "1000", 2);
        assertTrue(batch.covers("999"));
        assertTrue(batch.covers("1000"));
        assertFalse(batch.covers("99"), "99 < 999 although \"99\" > \"1000\" as text");
        assertTrue(batch.isAfter("1001"));
        assertFalse(batch.isAfter("998"));
    }

    @Test
    void parse_shouldTakeTheMessageAsTheEvent_whenClassicDeadLetterQueue() throws IOException {
        FailureRecord record = FailureRecord.parse(event("bounce-handler/permanent-bounce.json"));
        FailureRecord.RawEvent raw = assertInstanceOf(FailureRecord.RawEvent.class, record);
        assertEquals(Optional.empty(), raw.functionArn());
        assertEquals(
                Json.parse(event("bounce-handler/permanent-bounce.json")),
                Json.parse(raw.eventJson()));
    }

    @Test
    void parse_shouldRefuse_whenNotJson_orStreamInfoIncomplete() {
        assertThrows(IllegalArgumentException.class, () -> FailureRecord.parse("not json"));
        assertThrows(IllegalArgumentException.class, () -> FailureRecord.parse("[1,2]"));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        FailureRecord.parse(
                                "{\"requestContext\":{},\"DDBStreamBatchInfo\":{\"streamArn\":\"a\",\"startSequenceNumber\":\"1\",\"endSequenceNumber\":\"2\"}}"));
    }

    @Test
    void functionName_shouldDropTheQualifier_andKeepPlainNames() {
        assertEquals(
                "newsroom-BounceHandlerFunction-AbC123",
                FailureRecord.functionName(
                        "arn:aws:lambda:us-east-1:123456789012:function:newsroom-BounceHandlerFunction-AbC123:live"));
        assertEquals(
                "BounceHandlerFunction",
                FailureRecord.functionName(
                        "arn:aws:lambda:us-east-1:1:function:BounceHandlerFunction"));
        assertEquals("BounceHandlerFunction", FailureRecord.functionName("BounceHandlerFunction"));
    }

    @Test
    void streamEvent_shouldBeWhatTheLambdaRuntimeDeserialises() {
        Record record =
                Record.builder()
                        .eventID("e1")
                        .eventName("INSERT")
                        .eventVersion("1.1")
                        .awsRegion("eu-west-1")
                        .dynamodb(
                                StreamRecord.builder()
                                        .approximateCreationDateTime(
                                                Instant.parse("2026-11-26T10:05:10Z"))
                                        .keys(
                                                Map.of(
                                                        "pk",
                                                        AttributeValue.fromS("a1"),
                                                        "sk",
                                                        AttributeValue.fromS("CONFIRM#r1")))
                                        .newImage(
                                                Map.of(
                                                        "pk",
                                                        AttributeValue.fromS("a1"),
                                                        "sk",
                                                        AttributeValue.fromS("CONFIRM#r1"),
                                                        "newsletters",
                                                        AttributeValue.fromL(
                                                                List.of(
                                                                        AttributeValue.fromS(
                                                                                "daily"))),
                                                        "expiresAt",
                                                        AttributeValue.fromN("1764150000")))
                                        .sequenceNumber("4421584500000000017450439091")
                                        .sizeBytes(120L)
                                        .streamViewType("NEW_IMAGE")
                                        .build())
                        .build();

        String json =
                Redrive.streamEvent(
                        "arn:aws:dynamodb:eu-west-1:1:table/t/stream/s", List.of(record));

        DynamodbEvent event =
                LambdaEventSerializers.serializerFor(
                                DynamodbEvent.class, DynamodbEvent.class.getClassLoader())
                        .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        DynamodbEvent.DynamodbStreamRecord out = event.getRecords().get(0);
        assertEquals("INSERT", out.getEventName());
        assertEquals("arn:aws:dynamodb:eu-west-1:1:table/t/stream/s", out.getEventSourceARN());
        assertEquals("CONFIRM#r1", out.getDynamodb().getKeys().get("sk").getS());
        assertEquals(
                "daily", out.getDynamodb().getNewImage().get("newsletters").getL().get(0).getS());
        assertEquals("1764150000", out.getDynamodb().getNewImage().get("expiresAt").getN());
        assertEquals("4421584500000000017450439091", out.getDynamodb().getSequenceNumber());
        assertEquals(
                Instant.parse("2026-11-26T10:05:10Z"),
                out.getDynamodb().getApproximateCreationDateTime().toInstant());
    }

    @Test
    @SuppressWarnings("unchecked")
    void run_shouldReplayTheOriginalEvent_andDeleteOnlyTheMessagesThatSucceeded()
            throws IOException {
        SqsClient sqs = mock(SqsClient.class);
        String good = event("redrive/bounce-failure-record.json");
        String bad = event("redrive/gift-mail-failure-record.json");
        when(sqs.receiveMessage(any(Consumer.class)))
                .thenReturn(
                        received(message("m1", good), message("m2", bad)),
                        received(message("m2", bad)));
        List<String> invoked = new ArrayList<>();
        Redrive.Invoker invoker =
                (function, eventJson) -> {
                    invoked.add(function);
                    if (Json.parse(eventJson).has("detail-type")) {
                        throw new Redrive.ReplayFailedException("Unhandled");
                    }
                };
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        Redrive.Result result =
                new Redrive(
                                sqs,
                                mock(DynamoDbStreamsClient.class),
                                invoker,
                                Optional.empty(),
                                new PrintStream(log, true, StandardCharsets.UTF_8))
                        .run("https://sqs/q");

        assertEquals(new Redrive.Result(1, 1, 0), result);
        assertEquals(
                List.of(
                        "arn:aws:lambda:us-east-1:123456789012:function:newsroom-BounceHandlerFunction-AbC123:live",
                        "arn:aws:lambda:us-east-1:123456789012:function:newsroom-GiftMailerFunction-DeF456:live"),
                invoked,
                "each record's own function (with its alias) is invoked, once: a message seen again ends the pass");
        verify(sqs, times(1)).deleteMessage(any(Consumer.class));
        assertFalse(
                log.toString(StandardCharsets.UTF_8).contains("bounced@example.org"),
                "no address in the output");
    }

    @Test
    @SuppressWarnings("unchecked")
    void run_shouldKeepAStreamMessage_andSayWhatToDo_whenTheStreamNoLongerHasTheRecords()
            throws IOException {
        SqsClient sqs = mock(SqsClient.class);
        when(sqs.receiveMessage(any(Consumer.class)))
                .thenReturn(
                        received(
                                message(
                                        "m1",
                                        event("redrive/confirmation-stream-failure-record.json"))),
                        received());
        DynamoDbStreamsClient streams = mock(DynamoDbStreamsClient.class);
        when(streams.getShardIterator(any(Consumer.class)))
                .thenThrow(TrimmedDataAccessException.builder().message("trimmed").build());
        List<String> invoked = new ArrayList<>();
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        Redrive.Result result =
                new Redrive(
                                sqs,
                                streams,
                                (f, e) -> invoked.add(f),
                                Optional.empty(),
                                new PrintStream(log, true, StandardCharsets.UTF_8))
                        .run("https://sqs/q");

        assertEquals(new Redrive.Result(0, 0, 1), result);
        assertTrue(invoked.isEmpty());
        verify(sqs, never()).deleteMessage(any(Consumer.class));
        String output = log.toString(StandardCharsets.UTF_8);
        assertTrue(
                output.contains("CONFIRM#") && output.contains("attribute_not_exists(sentAt)"),
                "it tells how to find the confirmation requests never sent: " + output);
    }

    private static Message message(String id, String body) {
        return Message.builder().messageId(id).receiptHandle("rh-" + id).body(body).build();
    }

    private static ReceiveMessageResponse received(Message... messages) {
        return ReceiveMessageResponse.builder().messages(messages).build();
    }

    private static String event(String path) throws IOException {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = Files.exists(here.resolve("template.yaml")) ? here : here.getParent();
        return Files.readString(root.resolve("events").resolve(path));
    }
}

package org.newsroom.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.newsroom.core.json.Json;

class DynamoDbStreamJsonTest {

    static Stream<Path> streamEvents() throws IOException {
        return EventSamples.from("aws:dynamodb");
    }

    @ParameterizedTest
    @MethodSource("streamEvents")
    void read_shouldGiveTheSameEventAsTheLambdaRuntime(Path file) throws IOException {
        DynamodbEvent runtime = EventLoader.loadDynamoDbEvent(file.toString());

        DynamodbEvent ours;
        try (InputStream in = Files.newInputStream(file)) {
            ours = DynamoDbStreamJson.read(in);
        }

        assertEquals(runtime, ours, file.toString());
    }

    @Test
    void read_shouldReadEveryAttributeTypeAsTheLambdaRuntimeDoes() throws IOException {
        String json =
                "{\"Records\":[{\"eventID\":\"7\",\"eventName\":\"MODIFY\","
                        + "\"userIdentity\":{\"principalId\":\"dynamodb.amazonaws.com\","
                        + "\"type\":\"Service\"},\"dynamodb\":{"
                        + "\"ApproximateCreationDateTime\":1795685400.5,"
                        + "\"Keys\":{\"pk\":{\"S\":\"a\"}},\"OldImage\":{"
                        + "\"b\":{\"B\":\"AAEC\"},\"ss\":{\"SS\":[\"x\",\"y\"]},"
                        + "\"ns\":{\"NS\":[\"1\",\"2.5\"]},\"bs\":{\"BS\":[\"AQ==\"]},"
                        + "\"m\":{\"M\":{\"n\":{\"N\":\"3\"},\"t\":{\"BOOL\":true}}},"
                        + "\"nil\":{\"NULL\":true}},\"SequenceNumber\":\"9\","
                        + "\"SizeBytes\":42,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                        + "\"somethingNew\":1}]}";

        DynamodbEvent runtime =
                LambdaEventSerializers.serializerFor(
                                DynamodbEvent.class, DynamodbEvent.class.getClassLoader())
                        .fromJson(json);
        DynamodbEvent ours =
                DynamoDbStreamJson.read(
                        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        assertEquals(runtime, ours);
    }

    @Test
    void read_shouldGiveNoRecords_whenTheEventHasNone() throws IOException {
        DynamodbEvent event =
                DynamoDbStreamJson.read(
                        new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)));

        assertNull(event.getRecords());
    }

    @Test
    void write_shouldGiveTheBatchItemFailuresTheRuntimeWould() throws IOException {
        StreamsEventResponse response =
                StreamsEventResponse.builder()
                        .withBatchItemFailures(
                                List.of(
                                        StreamsEventResponse.BatchItemFailure.builder()
                                                .withItemIdentifier("100000000000000000001")
                                                .build()))
                        .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        DynamoDbStreamJson.write(response, out);

        assertEquals(
                Json.read(
                        "{\"batchItemFailures\":"
                                + "[{\"itemIdentifier\":\"100000000000000000001\"}]}"),
                Json.read(out.toByteArray()));
    }

    @Test
    void write_shouldGiveAnEmptyList_whenNothingFailed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        DynamoDbStreamJson.write(
                StreamsEventResponse.builder().withBatchItemFailures(List.of()).build(), out);

        assertEquals("{\"batchItemFailures\":[]}", out.toString(StandardCharsets.UTF_8));
    }
}

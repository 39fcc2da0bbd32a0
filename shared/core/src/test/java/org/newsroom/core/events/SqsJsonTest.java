package org.newsroom.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
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

class SqsJsonTest {

    static Stream<Path> sqsEvents() throws IOException {
        return EventSamples.from("aws:sqs");
    }

    @ParameterizedTest
    @MethodSource("sqsEvents")
    void read_shouldGiveTheSameEventAsTheLambdaRuntime(Path file) throws IOException {
        SQSEvent runtime = EventLoader.loadSQSEvent(file.toString());

        SQSEvent ours;
        try (InputStream in = Files.newInputStream(file)) {
            ours = SqsJson.read(in);
        }

        assertEquals(runtime, ours, file.toString());
    }

    @Test
    void read_shouldReadMessageAttributesAsTheLambdaRuntimeDoes() throws IOException {
        String json =
                "{\"Records\":[{\"messageId\":\"m1\",\"body\":\"{}\","
                        + "\"md5OfMessageAttributes\":\"abc\",\"messageAttributes\":{"
                        + "\"s\":{\"stringValue\":\"v\",\"stringListValues\":[],"
                        + "\"binaryListValues\":[],\"dataType\":\"String\"},"
                        + "\"b\":{\"binaryValue\":\"AAEC\",\"dataType\":\"Binary\"}},"
                        + "\"somethingNew\":true}]}";

        SQSEvent runtime =
                LambdaEventSerializers.serializerFor(
                                SQSEvent.class, SQSEvent.class.getClassLoader())
                        .fromJson(json);
        SQSEvent ours =
                SqsJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        assertEquals(runtime, ours);
    }

    @Test
    void write_shouldGiveTheBatchItemFailuresTheRuntimeWould() throws IOException {
        SQSBatchResponse response =
                new SQSBatchResponse(
                        List.of(
                                new SQSBatchResponse.BatchItemFailure("m1"),
                                new SQSBatchResponse.BatchItemFailure("m3")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SqsJson.write(response, out);

        assertEquals(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"},{\"itemIdentifier\":\"m3\"}]}",
                out.toString(StandardCharsets.UTF_8));
    }
}

package org.newsroom.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SnsJsonTest {

    static Stream<Path> snsEvents() throws IOException {
        return EventSamples.from("aws:sns");
    }

    @ParameterizedTest
    @MethodSource("snsEvents")
    void read_shouldGiveTheSameEventAsTheLambdaRuntime_butTheTimestamp(Path file)
            throws IOException {
        SNSEvent runtime = EventLoader.loadSNSEvent(file.toString());

        SNSEvent ours;
        try (InputStream in = Files.newInputStream(file)) {
            ours = SnsJson.read(in);
        }

        runtime.getRecords()
                .forEach(
                        r -> {
                            assertNotNull(r.getSNS().getTimestamp(), file.toString());
                            r.getSNS().setTimestamp(null);
                        });
        assertEquals(runtime, ours, file.toString());
    }

    @Test
    void read_shouldReadMessageAttributesAsTheLambdaRuntimeDoes() throws IOException {
        String json =
                "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"MessageId\":\"m1\","
                        + "\"Message\":\"hello\",\"Subject\":\"s\",\"MessageAttributes\":{"
                        + "\"a\":{\"Type\":\"String\",\"Value\":\"v\"}},\"New\":1}}]}";

        SNSEvent runtime =
                LambdaEventSerializers.serializerFor(
                                SNSEvent.class, SNSEvent.class.getClassLoader())
                        .fromJson(json);
        SNSEvent ours =
                SnsJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        assertNull(ours.getRecords().get(0).getSNS().getTimestamp());
        assertEquals(runtime, ours);
    }
}

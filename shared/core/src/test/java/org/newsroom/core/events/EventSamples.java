package org.newsroom.core.events;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/** The repository's sample events (the ones the tests and the benchmark use), by source. */
final class EventSamples {

    private static final Path EVENTS = Path.of("../../events");

    private EventSamples() {}

    /** Every sample whose first record comes from {@code source} (e.g. {@code aws:sqs}). */
    static Stream<Path> from(String source) throws IOException {
        try (Stream<Path> files = Files.walk(EVENTS)) {
            List<Path> found =
                    files.filter(p -> p.toString().endsWith(".json"))
                            .filter(p -> source.equals(sourceOf(p)))
                            .toList();
            assertFalse(found.isEmpty(), "no " + source + " event found under " + EVENTS);
            return found.stream();
        }
    }

    private static String sourceOf(Path file) {
        try {
            JsonNode first =
                    Json.read(java.nio.file.Files.readAllBytes(file)).path("Records").path(0);
            return first.has("eventSource")
                    ? first.get("eventSource").asText()
                    : first.path("EventSource").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}

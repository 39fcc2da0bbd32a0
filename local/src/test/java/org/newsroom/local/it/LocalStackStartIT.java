package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.local.Emulator;
import org.newsroom.local.LocalStack;
import org.newsroom.local.SampleMembers;
import org.newsroom.local.SampleNewsletters;

/**
 * How {@code make run} starts: on its own emulator (the samples would change the counts other tests
 * read), the API answers a reader only once the sample content is loaded, and the sample members
 * arrive through the CSV import.
 */
class LocalStackStartIT {

    @Test
    void start_shouldHoldReadersUntilTheSamplesAreLoaded_andImportTheSampleMembers()
            throws Exception {
        Path root = Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
        URI emulator = URI.create("http://127.0.0.1:" + Emulator.freePort());
        HttpClient http = HttpClient.newHttpClient();
        AtomicReference<CompletableFuture<HttpResponse<String>>> early = new AtomicReference<>();
        AtomicReference<Boolean> answeredWhileLoading = new AtomicReference<>();
        AtomicInteger imported = new AtomicInteger();
        try (LocalStack stack =
                LocalStack.start(
                        new LocalStack.Options(
                                root, emulator, "127.0.0.1", 0, "start-it-token", Map.of()),
                        started -> {
                            // A reader's page asks for the catalogue before there is one.
                            early.set(
                                    http.sendAsync(
                                            HttpRequest.newBuilder(
                                                            URI.create(
                                                                    started.baseUrl()
                                                                            + "/newsletters"))
                                                    .timeout(Duration.ofSeconds(300))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString()));
                            SampleNewsletters.load(root, started);
                            imported.set(SampleMembers.load(root, started).imported());
                            answeredWhileLoading.set(early.get().isDone());
                        })) {
            assertFalse(answeredWhileLoading.get(), "nobody is answered while samples load");
            HttpResponse<String> catalogue = early.get().join();
            assertEquals(200, catalogue.statusCode());
            assertTrue(
                    Json.parse(catalogue.body()).get("items").size() > 0,
                    "the held request sees the loaded catalogue");

            assertTrue(imported.get() >= 200, "a few hundred sample members");
            HttpResponse<String> stats =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(stack.baseUrl() + "/memberships/stats"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stats.statusCode());
            JsonNode body = Json.parse(stats.body());
            assertEquals(imported.get(), body.path("supporters").asInt());
        }
    }
}

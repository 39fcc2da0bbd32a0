package org.newsroom.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;

/**
 * Loads the sample content in {@code local/sample/} through the public API, as an editor's tool
 * would: articles go through {@code PUT /articles/{slug}} with the admin token, so they are
 * validated and sanitised like real ones. Publish times are relative ({@code publishedHoursAgo};
 * negative means scheduled), so the samples always look fresh.
 */
public final class SampleContent {

    private SampleContent() {}

    public static int load(Path root, LocalStack stack) throws IOException, InterruptedException {
        Path dir = root.resolve("local/sample/articles");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        int loaded = 0;
        List<HttpRequest.Builder> saved = new ArrayList<>();
        for (Path file : files) {
            ObjectNode article = (ObjectNode) Json.read(Files.readString(file));
            String slug = article.remove("slug").asText();
            JsonNode hoursAgo = article.remove("publishedHoursAgo");
            if (hoursAgo != null) {
                article.put(
                        "publishedAt",
                        now.minus(Math.round(hoursAgo.asDouble() * 60), ChronoUnit.MINUTES)
                                .toString());
            }
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/articles/" + slug))
                            .header("Authorization", "Bearer " + stack.adminToken())
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(article.toString()));
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 428) {
                // Already there from an earlier run on the same emulator: replace it.
                response = http.send(replacing(request), HttpResponse.BodyHandlers.ofString());
            }
            check(file, response);
            saved.add(request);
            loaded++;
        }
        // Related stories are chosen when an article is saved, from the stories there then:
        // saving each once more lets the first ones loaded pick from all the others too.
        for (int i = 0; i < saved.size(); i++) {
            check(
                    files.get(i),
                    http.send(replacing(saved.get(i)), HttpResponse.BodyHandlers.ofString()));
        }
        return loaded;
    }

    private static HttpRequest replacing(HttpRequest.Builder request) {
        return request.copy().setHeader("If-Match", "*").build();
    }

    private static void check(Path file, HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    "Sample " + file.getFileName() + " was rejected: " + response.body());
        }
    }
}

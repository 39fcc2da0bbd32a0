package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.newsroom.local.Emulator;
import org.newsroom.local.LocalStack;

/**
 * One local stack per test JVM: its own emulator on a free port (or the one named by {@code
 * NEWSROOM_IT_ENDPOINT}), the API on a free port, and HTTP helpers. Tests keep out of each other's
 * way by using their own slugs, sections and addresses, not by wiping data.
 */
public final class LocalStackSupport {

    public static final String ADMIN_TOKEN = "it-admin-token";

    private static LocalStack stack;
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();

    private LocalStackSupport() {}

    public static synchronized LocalStack stack() {
        if (stack == null) {
            String configured = System.getenv("NEWSROOM_IT_ENDPOINT");
            URI endpoint =
                    configured != null && !configured.isBlank()
                            ? URI.create(configured)
                            : URI.create("http://127.0.0.1:" + Emulator.freePort());
            Path root =
                    Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
            stack =
                    LocalStack.start(
                            new LocalStack.Options(
                                    root, endpoint, "127.0.0.1", 0, ADMIN_TOKEN, Map.of()));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "it-stack-stop"));
        }
        return stack;
    }

    public static URI url(String pathAndQuery) {
        return URI.create(stack().baseUrl() + pathAndQuery);
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    public static HttpResponse<String> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(pathAndQuery)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** An editor's PUT with the admin token: without If-Match it only creates. */
    public static HttpResponse<String> putArticle(String slug, String json) {
        return send(
                HttpRequest.newBuilder(url("/articles/" + slug))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** An editor's PUT replacing the revision named by {@code ifMatch} (an ETag, or {@code *}). */
    public static HttpResponse<String> putArticle(String slug, String json, String ifMatch) {
        return send(
                HttpRequest.newBuilder(url("/articles/" + slug))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .header("Content-Type", "application/json")
                        .header("If-Match", ifMatch)
                        .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * Polls until {@code condition} holds (mailers and pollers work asynchronously, like the real
     * ones).
     */
    public static <T> T await(String what, Supplier<Optional<T>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("Timed out waiting for " + what);
    }

    public static HttpResponse<String> post(
            String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url(path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }
}

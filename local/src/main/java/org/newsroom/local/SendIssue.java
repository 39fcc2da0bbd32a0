package org.newsroom.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;

/**
 * {@code make send-issue}: writes an issue from a file and sends it through the running local API,
 * as an editor's tool would (admin bearer token), then follows its status until every reader has an
 * outcome. The file is either JSON ({@code subject}, {@code html}, optional {@code text} and {@code
 * preheader}) or an HTML page whose {@code <title>} is the subject.
 */
public final class SendIssue {

    private static final Pattern TITLE =
            Pattern.compile("<title>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private SendIssue() {}

    /** Arguments: API base URL, newsletter id, file, admin token. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 4 || args[3].isBlank()) {
            System.err.println(
                    "usage: SendIssue <api url> <newsletter> <file> <admin token>"
                            + " (make run writes its token to .local/admin-token)");
            System.exit(2);
        }
        String base = args[0].replaceAll("/+$", "");
        String newsletter = args[1];
        String token = args[3].trim();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        JsonNode created =
                call(
                        http,
                        token,
                        "POST",
                        base + "/newsletters/" + newsletter + "/issues",
                        issue(Path.of(args[2])).toString(),
                        201);
        String issueId = created.path("issueId").asText();
        String path = "/newsletters/" + newsletter + "/issues/" + issueId;
        System.out.println("Created issue " + issueId + " of " + newsletter);
        JsonNode sending = call(http, token, "POST", base + path + "/send", "{}", 202);
        System.out.println("Sending: " + sending.path("status").asText());

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode status = sending;
        while (System.nanoTime() < deadline) {
            status = call(http, token, "GET", base + path, null, 200);
            if ("sent".equals(status.path("status").asText())) {
                break;
            }
            Thread.sleep(500);
        }
        System.out.printf(
                "Status %s: %d recipients, %d sent, %d failed, %d suppressed, %d skipped%n",
                status.path("status").asText(),
                status.path("recipients").asLong(),
                status.path("sent").asLong(),
                status.path("failed").asLong(),
                status.path("suppressed").asLong(),
                status.path("skipped").asLong());
        System.out.println("Every copy:      " + base + "/_local/outbox");
        System.out.println("Web version:     " + base + path + "/web");
        System.out.println(
                "Status again:    curl -H 'Authorization: Bearer <token>' " + base + path);
    }

    /** The create request's body, from a JSON or an HTML file. */
    static ObjectNode issue(Path file) throws IOException {
        String content = Files.readString(file);
        if (file.getFileName().toString().endsWith(".json")) {
            return (ObjectNode) Json.read(content);
        }
        Matcher title = TITLE.matcher(content);
        String subject =
                title.find()
                        ? title.group(1).replaceAll("\\s+", " ").trim()
                        : file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return Json.object().put("subject", subject).put("html", content);
    }

    private static JsonNode call(
            HttpClient http, String token, String method, String url, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("Is the local stack running (make run)? " + url + ": " + e);
            System.exit(1);
            throw e;
        }
        if (response.statusCode() != expected) {
            System.err.println(
                    method
                            + " "
                            + url
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
            System.exit(1);
        }
        return Json.parse(response.body());
    }
}

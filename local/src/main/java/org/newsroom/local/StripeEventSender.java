package org.newsroom.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.memberships.StripeSignature;

/**
 * {@code make stripe-events}: sends sample Stripe events from {@code events/stripe-webhook/} to a
 * running local API, signed now with the local webhook secret, exactly as Stripe would, and prints
 * the supporter count after each one so the counter can be seen moving.
 *
 * <p>Usage: {@code StripeEventSender <api base url> <secret> [--replay] <event file>...}. The ids
 * in the samples ({@code sub_local_...}, {@code evt_local_...}) get a suffix unique to this run and
 * their timestamps become now, so every run is a new reader inside the campaign; {@code --replay}
 * sends them unchanged, which shows that a replayed event changes nothing.
 */
public final class StripeEventSender {

    private StripeEventSender() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 3) {
            System.err.println(
                    "usage: StripeEventSender <api base url> <secret> [--replay] <event file>...");
            System.exit(2);
        }
        URI base = URI.create(args[0].replaceAll("/+$", ""));
        String secret = args[1];
        boolean replay = false;
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--replay")) {
                replay = true;
            } else {
                files.add(Path.of(args[i]));
            }
        }
        String run = Long.toString(Instant.now().toEpochMilli(), 36);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            System.out.println("before: " + stats(http, base));
        } catch (java.net.ConnectException e) {
            System.err.println(
                    "The local API is not reachable at "
                            + base
                            + ": start it with `make run`"
                            + " (or pass PORT=<its port> to this target).");
            System.exit(1);
        }
        for (Path file : files) {
            JsonNode gatewayEvent = Json.read(java.nio.file.Files.readAllBytes(file));
            String body = gatewayEvent.path("body").asText();
            if (gatewayEvent.path("isBase64Encoded").asBoolean(false)) {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            }
            if (!replay) {
                body =
                        body.replaceAll(
                                "\\b((?:evt|sub|pi|cs|in|ch|cus)_local_\\w+)\\b", "$1_" + run);
                // Happening now, so the membership also falls inside the campaign window; one
                // second apart, in the order given, because events are ordered by their time.
                body =
                        body.replaceAll(
                                "(\"(?:created|ended_at|canceled_at)\": *)\\d+",
                                "$1" + (Instant.now().getEpochSecond() + files.indexOf(file)));
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String signature =
                    StripeSignature.header(secret, Instant.now().getEpochSecond(), bytes);
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(
                                            base.resolve(
                                                    gatewayEvent
                                                            .path("rawPath")
                                                            .asText("/webhooks/stripe")))
                                    .header("Content-Type", "application/json; charset=utf-8")
                                    .header("Stripe-Signature", signature)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            String type = Json.parse(body).path("type").asText();
            System.out.printf(
                    "%-40s %-38s -> %d %s | %s%n",
                    file.getFileName(),
                    type,
                    response.statusCode(),
                    response.body(),
                    stats(http, base));
        }
    }

    private static String stats(HttpClient http, URI base)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(base.resolve("/memberships/stats")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200
                ? response.body()
                : "stats answered " + response.statusCode();
    }
}

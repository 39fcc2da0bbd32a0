package org.newsroom.newsletters.signup;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/** Turnstile's siteverify endpoint over HTTPS; a network failure counts as "not verified". */
public final class HttpTurnstileVerifier implements TurnstileVerifier {

    static final URI SITEVERIFY =
            URI.create("https://challenges.cloudflare.com/turnstile/v0/siteverify");

    private final Supplier<String> secret;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HttpTurnstileVerifier(String secret) {
        this(() -> secret);
    }

    /** The secret current at each check (read at run time from Secrets Manager, cached). */
    public HttpTurnstileVerifier(Supplier<String> secret) {
        this.secret = secret;
    }

    @Override
    public boolean verify(String token, Optional<String> remoteIp) {
        if (token == null || token.isBlank() || token.length() > 2048) {
            return false;
        }
        String form =
                "secret="
                        + URLEncoder.encode(secret.get(), StandardCharsets.UTF_8)
                        + "&response="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + remoteIp.map(
                                        ip ->
                                                "&remoteip="
                                                        + URLEncoder.encode(
                                                                ip, StandardCharsets.UTF_8))
                                .orElse("");
        HttpRequest request =
                HttpRequest.newBuilder(SITEVERIFY)
                        .timeout(Duration.ofSeconds(3))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode body = Json.read(response.body());
            return body != null && body.path("success").asBoolean(false);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

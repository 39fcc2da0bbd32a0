package org.newsroom.core.aws;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.time.Duration;

/**
 * Builds the HTTP client every SDK client in a container shares. The URL-connection client
 * is the lightest of the SDK's clients (no extra jars, fastest cold start). Endpoints come
 * from the SDK's own {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} settings,
 * so the same code talks to AWS or to the local emulator.
 */
public final class AwsClients {

    private static final class Holder {
        static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    private AwsClients() {
    }

    /** The shared HTTP client; created on first use, once per container. */
    public static SdkHttpClient httpClient() {
        return Holder.HTTP;
    }
}

package org.newsroom.core.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;

/**
 * An HTTP client that answers from a script, in order, and keeps every request it was given with
 * its body: what a service call sent, and what it does with each kind of answer, without a network.
 * Shared with other modules' tests through this module's test jar.
 */
public final class ScriptedHttp implements SdkHttpClient {

    /** One request as it would have gone out. */
    public record Sent(SdkHttpRequest request, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return request.firstMatchingHeader(name).orElse(null);
        }
    }

    private interface Answer {
        HttpExecuteResponse answer() throws IOException;
    }

    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final CountDownLatch abort = new CountDownLatch(1);

    /**
     * Answers the next request with {@code status}, the headers given as name/value pairs, and
     * {@code body}.
     */
    public ScriptedHttp reply(int status, String body, String... headers) {
        script.add(
                () -> {
                    SdkHttpFullResponse.Builder response =
                            SdkHttpFullResponse.builder().statusCode(status);
                    for (int i = 0; i + 1 < headers.length; i += 2) {
                        response.putHeader(headers[i], headers[i + 1]);
                    }
                    return HttpExecuteResponse.builder()
                            .response(response.build())
                            .responseBody(
                                    AbortableInputStream.create(
                                            new ByteArrayInputStream(
                                                    body.getBytes(StandardCharsets.UTF_8))))
                            .build();
                });
        return this;
    }

    /** Fails the next request with {@code failure}, as a connection that failed or timed out. */
    public ScriptedHttp fail(IOException failure) {
        script.add(
                () -> {
                    throw failure;
                });
        return this;
    }

    /**
     * The next request waits until it is aborted (a service that never answers), then fails as a
     * closed connection does.
     */
    public ScriptedHttp hang() {
        script.add(
                () -> {
                    try {
                        abort.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new java.net.SocketException("Socket closed");
                });
        return this;
    }

    /** Whether a call was aborted. */
    public boolean aborted() {
        return abort.getCount() == 0;
    }

    public List<Sent> sent() {
        return sent;
    }

    /** A service at {@code https://<prefix>.example.test} in eu-west-1, signed with fixed keys. */
    public AwsJsonApi api(AwsJsonApi.Service service) {
        return new AwsJsonApi(
                service,
                this,
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                Region.EU_WEST_1,
                URI.create("https://" + service.endpointPrefix() + ".example.test"));
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                byte[] body;
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        body = in.readAllBytes();
                    }
                } else {
                    body = new byte[0];
                }
                sent.add(new Sent(request.httpRequest(), body));
                Answer next = script.poll();
                if (next == null) {
                    throw new AssertionError("a request the script has no answer for");
                }
                return next.answer();
            }

            @Override
            public void abort() {
                abort.countDown();
            }
        };
    }

    @Override
    public void close() {}
}

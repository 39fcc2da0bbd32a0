package org.newsroom.local;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What Lambda does with an asynchronous invocation (SNS, schedules) that keeps failing, locally:
 * after the first attempt and the template's {@code MaximumRetryAttempts} retries, a failure record
 * goes to the function's on-failure destination (or dead-letter queue) in the shape Lambda writes,
 * which {@link Redrive} replays. Without a destination the event is dropped, as on AWS. Lambda
 * waits minutes between retries; the local event sources retry sooner.
 */
final class AsyncFailures {

    private final String functionId;
    private final FailureDestinations.AsyncInvoke config;
    private final Optional<Consumer<String>> destination;

    AsyncFailures(
            String functionId,
            FailureDestinations.AsyncInvoke config,
            Optional<Consumer<String>> destination) {
        this.functionId = functionId;
        this.config = config;
        this.destination = destination;
    }

    /** The function's settings from the template; {@code queueUrls} gives a queue's local URL. */
    static AsyncFailures of(
            Template template, String functionId, Function<String, String> queueUrls) {
        FailureDestinations.AsyncInvoke config =
                FailureDestinations.asyncInvoke(template, functionId);
        return new AsyncFailures(
                functionId, config, config.queue().map(queueUrls).map(AsyncFailures::sendTo));
    }

    private static Consumer<String> sendTo(String queueUrl) {
        return body -> {
            try (SqsClient sqs =
                    SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
            }
        };
    }

    /** Invocations of one event before it is given up: the first, then the retries. */
    int attempts() {
        return 1 + config.maximumRetryAttempts();
    }

    /** Hands an event whose every attempt failed to the destination, or drops it; says which. */
    void exhausted(String eventJson, RuntimeException error, int invokeCount) {
        String fate = "dropped (the function has no on-failure destination)";
        if (destination.isPresent()) {
            destination
                    .get()
                    .accept(
                            record(
                                            functionId,
                                            Json.parse(eventJson),
                                            error,
                                            invokeCount,
                                            Instant.now())
                                    .toString());
            fate = "sent to " + config.queue().orElseThrow();
        }
        System.out.println(
                "local: "
                        + functionId
                        + " failed "
                        + invokeCount
                        + " time(s) on one event ("
                        + error.getClass().getSimpleName()
                        + "): "
                        + fate);
    }

    /**
     * Lambda's failure record of an asynchronous invocation. The error's message is left out, as
     * the logs leave it out: it can echo the event's personal data.
     */
    static ObjectNode record(
            String functionId,
            JsonNode payload,
            RuntimeException error,
            int invokeCount,
            Instant now) {
        ObjectNode record = Json.object();
        record.put("version", "1.0");
        record.put("timestamp", now.toString());
        record.putObject("requestContext")
                .put("requestId", UUID.randomUUID().toString())
                .put(
                        "functionArn",
                        new LocalContext(functionId, 0).getInvokedFunctionArn() + ":$LATEST")
                .put("condition", "RetriesExhausted")
                .put("approximateInvokeCount", invokeCount);
        record.set("requestPayload", payload);
        record.putObject("responseContext")
                .put("statusCode", 200)
                .put("executedVersion", "$LATEST")
                .put("functionError", "Unhandled");
        record.putObject("responsePayload")
                .put("errorType", error.getClass().getName())
                .put("errorMessage", error.getClass().getSimpleName());
        return record;
    }
}

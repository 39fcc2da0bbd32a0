package org.newsroom.local.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The warm path of one HTTP function, in the benchmark's JVM against the emulator: after {@link
 * #WARM_UP} unmeasured invocations, {@link #INVOCATIONS} invocations of its bench event, each timed
 * whole and with the SDK calls it makes timed apart ({@link SdkCallTimer}). The handler's own cost
 * of an invocation is its time minus the time of its SDK calls, each call counted as a bare caller
 * sees it ({@link #sdkEntryNanos}); p50 and p99 of both are reported, and the overhead without that
 * correction beside them.
 */
final class WarmPathBench {

    /**
     * Unmeasured invocations first: warm means compiled. With the functions' level-1 flags a method
     * is compiled after about 200 calls, but code a request runs only now and then (every few
     * requests, or once per connection) compiles later: the webhook's overhead p50 read 0.80 ms
     * after 100 unmeasured invocations, 0.72 after 300 and 0.51 after 1,000; the links' 0.23, 0.19,
     * 0.12, and 0.08 after 2,000; it keeps falling slowly. A busy site's function serves a thousand
     * requests in its first minutes.
     */
    static final int WARM_UP = 1_000;

    static final int INVOCATIONS = 500;

    /** Milliseconds; {@code sdkCalls} is per invocation. */
    record Figures(
            double p50Ms,
            double p99Ms,
            double sdkP50Ms,
            double overheadP50Ms,
            double overheadP99Ms,
            double interceptedOverheadP50Ms,
            double sdkEntryMs,
            double sdkCalls,
            java.util.SortedMap<Integer, Integer> statuses) {}

    private WarmPathBench() {}

    /** Where the SDK looks for global interceptors; {@code make bench} puts this file first. */
    static final String INTERCEPTORS =
            "software/amazon/awssdk/global/handlers/execution.interceptors";

    /**
     * Fails unless {@link SdkCallTimer} is a global interceptor of every client built in this JVM:
     * {@code make bench} writes the SDK's class-path file for it, so the local stack's normal runs
     * never carry it.
     */
    static void requireTimedSdkClients() throws IOException {
        requireInterceptorFile(WarmPathBench.class.getClassLoader(), "the benchmark's class path");
    }

    /**
     * Fails unless the probe JVMs' class path (without a function's jar) holds the interceptor file
     * too, so that every probe, the bare-SDK row's included, times its SDK calls the same way.
     */
    static void requireTimedProbe(String probeClasspath) throws IOException {
        List<URL> entries = new ArrayList<>();
        for (String entry : probeClasspath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(java.nio.file.Path.of(entry).toUri().toURL());
            }
        }
        // No parent: only what the probe itself will see.
        try (URLClassLoader probe = new URLClassLoader(entries.toArray(URL[]::new), null)) {
            requireInterceptorFile(probe, "the probe's class path (newsroom.probe.classpath)");
        }
    }

    private static void requireInterceptorFile(ClassLoader loader, String where)
            throws IOException {
        java.util.Enumeration<URL> files = loader.getResources(INTERCEPTORS);
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                if (new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .contains(SdkCallTimer.class.getName())) {
                    return;
                }
            }
        }
        throw new IllegalStateException(
                "Run through `make bench`: it installs "
                        + SdkCallTimer.class.getName()
                        + " as an SDK interceptor ("
                        + INTERCEPTORS
                        + ") on "
                        + where);
    }

    /** The {@code n}th invocation's event (before {@link #fromClient}); not timed. */
    interface Events {
        byte[] event(int n) throws IOException;

        /** Runs after the {@code n}th invocation, untimed: undoes what would grow without bound. */
        default void after(int n) throws IOException {}
    }

    /**
     * The SDK's own work in one call that {@link SdkCallTimer} does not see, in nanoseconds: before
     * it runs the interceptors' first hook a client builds the call's execution context (execution
     * attributes, auth scheme and identity resolution, endpoint provider, response handlers), and
     * after their last it publishes the call's metrics. Every caller of the SDK pays that on every
     * call, so it is part of the bare DynamoDB call and not of the handler that makes it. Measured
     * as the p50, over {@link #INVOCATIONS} calls after {@link #WARM_UP} unmeasured, of a GetItem's
     * time as its caller sees it minus its time between the hooks, with a client built as the
     * functions build theirs ({@link AwsClients#dynamoDb}). Run after a function's own loop, when
     * the SDK's code is at least as warm as it was during it, so the figure errs low: towards more
     * overhead.
     */
    static long sdkEntryNanos(DynamoDbClient dynamo, String table) {
        AttributeValue none = AttributeValue.fromS("bench#none");
        GetItemRequest get =
                GetItemRequest.builder()
                        .tableName(table)
                        .key(Map.of("pk", none, "sk", none))
                        .build();
        long[] entry = new long[INVOCATIONS];
        for (int i = 0; i < WARM_UP + INVOCATIONS; i++) {
            SdkCallTally tally = SdkCallTally.open();
            long started;
            long elapsed;
            try {
                started = System.nanoTime();
                dynamo.getItem(get);
                elapsed = System.nanoTime() - started;
            } finally {
                SdkCallTally.close();
            }
            if (tally.calls != 1) {
                throw new IllegalStateException(
                        "The interceptor timed " + tally.calls + " calls of one GetItem");
            }
            if (i >= WARM_UP) {
                entry[i - WARM_UP] = elapsed - tally.nanos;
            }
        }
        return percentile(entry, 50);
    }

    /**
     * {@link #sdkEntryNanos(DynamoDbClient, String)} with a client built here, as the functions
     * build theirs: called in a function's own class loader ({@link IsolatedFunction}), it measures
     * that function's copy of the SDK.
     */
    static long sdkEntryNanos(String table) {
        return sdkEntryNanos(AwsClients.dynamoDb(), table);
    }

    /**
     * Times the handler's warm path. {@code sdkEntry} is asked once, after the timed invocations,
     * for the SDK's entry work per call ({@link #sdkEntryNanos}), which is taken off each
     * invocation's own time as many times as it made calls, never below zero.
     */
    @SuppressWarnings("unchecked")
    static Figures measure(Object handler, Events events, java.util.function.LongSupplier sdkEntry)
            throws IOException {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
        PojoSerializer<APIGatewayV2HTTPEvent> serializer =
                LambdaEventSerializers.serializerFor(
                        APIGatewayV2HTTPEvent.class, WarmPathBench.class.getClassLoader());
        for (int i = 0; i < WARM_UP; i++) {
            invoke(http, serializer, fromClient(events, i));
            events.after(i);
        }
        long[] total = new long[INVOCATIONS];
        long[] sdk = new long[INVOCATIONS];
        long[] own = new long[INVOCATIONS];
        long[] intercepted = new long[INVOCATIONS];
        long[] callsOf = new long[INVOCATIONS];
        long calls = 0;
        java.util.SortedMap<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < INVOCATIONS; i++) {
            // Built before the tally opens: making an event may call the emulator itself (the
            // webhook's is signed with the secret read from it), which is not the handler's.
            byte[] json = fromClient(events, WARM_UP + i);
            SdkCallTally tally = SdkCallTally.open();
            try {
                long started = System.nanoTime();
                Object response = invoke(http, serializer, json);
                total[i] = System.nanoTime() - started;
                statuses.merge(statusOf(response), 1, Integer::sum);
            } finally {
                SdkCallTally.close();
            }
            events.after(WARM_UP + i);
            sdk[i] = tally.nanos;
            intercepted[i] = total[i] - tally.nanos;
            callsOf[i] = tally.calls;
            calls += tally.calls;
        }
        long sdkEntryNanos = sdkEntry.getAsLong();
        for (int i = 0; i < INVOCATIONS; i++) {
            own[i] = Math.max(0, intercepted[i] - callsOf[i] * sdkEntryNanos);
        }
        return new Figures(
                millis(percentile(total, 50)),
                millis(percentile(total, 99)),
                millis(percentile(sdk, 50)),
                millis(percentile(own, 50)),
                millis(percentile(own, 99)),
                millis(percentile(intercepted, 50)),
                millis(sdkEntryNanos),
                (double) calls / INVOCATIONS,
                statuses);
    }

    /**
     * The event as sent by the {@code n}th of many readers: its source address is a distinct one
     * (in 10.0.0.0/8) per invocation, as on a public page, so that a per-client rate limit measures
     * the path a reader takes rather than the 429 a single client would get after a few requests.
     */
    static byte[] fromClient(Events events, int n) throws IOException {
        return fromClient(new String(events.event(n), java.nio.charset.StandardCharsets.UTF_8), n);
    }

    static byte[] fromClient(String template, int n) {
        String address = "10." + ((n >> 16) & 0xFF) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF);
        return template.replaceAll("(\"sourceIp\"\\s*:\\s*\")[^\"]*\"", "$1" + address + "\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Through the overload Lambda calls: the stream one when the handler has it, else the event
     * deserialised by the runtime's serialiser, each time, as the runtime does. Returns the
     * response, or the bytes a stream handler wrote (read by {@link #statusOf}, untimed).
     */
    private static Object invoke(
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            PojoSerializer<APIGatewayV2HTTPEvent> serializer,
            byte[] json)
            throws IOException {
        if (handler instanceof RequestStreamHandler stream) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            stream.handleRequest(new java.io.ByteArrayInputStream(json), out, null);
            if (out.size() == 0) {
                throw new IllegalStateException("The handler wrote nothing");
            }
            return out.toByteArray();
        }
        APIGatewayV2HTTPEvent event;
        try (InputStream in = new java.io.ByteArrayInputStream(json)) {
            event = serializer.fromJson(in);
        }
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        if (response == null) {
            throw new IllegalStateException("The handler returned nothing");
        }
        return response;
    }

    /** The status code of what {@link #invoke} returned; -1 when it has none. */
    static int statusOf(Object response) {
        if (response instanceof APIGatewayV2HTTPResponse typed) {
            return typed.getStatusCode();
        }
        return org.newsroom.core.json.Json.read((byte[]) response).path("statusCode").asInt(-1);
    }

    static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}

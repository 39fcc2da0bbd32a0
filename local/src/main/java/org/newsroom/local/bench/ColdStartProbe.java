package org.newsroom.local.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM with one function's deployable jar on the class path and does what the Lambda
 * Java runtime does on a cold start: load the handler class, construct it, deserialise the first
 * event with the runtime's own event serialisers, and handle it. Prints one line: {@code init=<ms>
 * handle=<ms> first=<ms> sdkMicros=<n> sdkCalls=<n> peakRssKiB=<n>}, where {@code sdkMicros} is the
 * time the SDK calls of the first request took (marshalling, signing, the emulator's answer,
 * unmarshalling), timed by {@link SdkCallTimer}, which {@code make bench} installs on the probe's
 * class path as a global SDK interceptor (never in a function's jar). The modes:
 *
 * <ul>
 *   <li>{@code <handler class> <event file>}: the cold start ({@code first} is deserialise plus
 *       handle).
 *   <li>{@code --primed <handler class> <event file>}: the function's SnapStart priming runs first,
 *       then its restore hooks, then the event: {@code first} times only that first request, the
 *       local stand-in for restore-then-first-request.
 *   <li>{@code --sdk <table>}: the bare-SDK row, a DynamoDB client with the SDK's defaults and one
 *       GetItem (see {@link BareSdkProbe}), timed by the same interceptor; fails when no call was
 *       timed, i.e. when the interceptor is missing.
 *   <li>{@code --floor}: only prints, so the same JVM flags give the baseline.
 * </ul>
 *
 * <p>Deliberately free of the project's classes at compile time: only the JDK, the function jar and
 * the runtime's serialisation library are on the class path; the priming entry point is found by
 * name in the function jar.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {}

    /** The function jar's priming entry points ({@code org.newsroom.core.priming.Priming}). */
    private static final String PRIMING = "org.newsroom.core.priming.Priming";

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--floor")) {
            System.out.println(
                    "hello init=0 handle=0 first=0 sdkMicros=0 sdkCalls=0 peakRssKiB="
                            + peakRssKiB());
            return;
        }
        if (args.length == 2 && args[0].equals("--sdk")) {
            SdkCallTally tally = SdkCallTally.open();
            long started = System.nanoTime();
            BareSdkProbe.getMissingItem(args[1]);
            long ms = (System.nanoTime() - started) / 1_000_000;
            SdkCallTally.close();
            if (tally.calls == 0) {
                throw new IllegalStateException(
                        "No SDK call was timed: "
                                + SdkCallTimer.class.getName()
                                + " is not a global SDK interceptor on this class path");
            }
            System.out.println(
                    "sdk init=0 handle="
                            + ms
                            + " first="
                            + ms
                            + sdkFields(tally)
                            + " peakRssKiB="
                            + peakRssKiB());
            return;
        }
        boolean primed = args[0].equals("--primed");
        String handlerClass = primed ? args[1] : args[0];
        Path eventFile = Path.of(primed ? args[2] : args[1]);
        long start = System.nanoTime();
        Class<?> type = Class.forName(handlerClass);
        Object handler = type.getConstructor().newInstance();
        // As the runtime: the (InputStream, OutputStream, Context) overload when there is one,
        // else the typed one, whose event serialiser it prepares when it loads the handler.
        Method stream = streamMethod(type);
        Method method = stream != null ? stream : handleMethod(type);
        PojoSerializer<?> serializer =
                stream != null
                        ? null
                        : LambdaEventSerializers.serializerFor(
                                method.getParameterTypes()[0], type.getClassLoader());
        long constructed = System.nanoTime();
        if (primed) {
            Class<?> priming = Class.forName(PRIMING, true, type.getClassLoader());
            priming.getMethod("primeAll").invoke(null);
            priming.getMethod("restoreAll").invoke(null);
        }
        // Opened before the clock starts; its class holds no SDK type, so opening it loads nothing
        // that the first request would otherwise load itself.
        SdkCallTally tally = SdkCallTally.open();
        long requestStarted = System.nanoTime();
        Object result;
        try (InputStream in = Files.newInputStream(eventFile)) {
            if (stream != null) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                stream.invoke(handler, in, out, context());
                result = out.size() > 0 ? out : null;
            } else {
                result = method.invoke(handler, serializer.fromJson(in), context());
            }
        }
        long handled = System.nanoTime();
        SdkCallTally.close();
        if (result == null && (stream != null || method.getReturnType() != void.class)) {
            throw new IllegalStateException("The handler returned nothing");
        }
        System.out.println(
                "init="
                        + (constructed - start) / 1_000_000
                        + " handle="
                        + (handled - constructed) / 1_000_000
                        + " first="
                        + (handled - requestStarted) / 1_000_000
                        + sdkFields(tally)
                        // Counting classes loads the management beans (about 25 classes, several
                        // milliseconds), so only when asked: the bare-SDK row never pays for it.
                        + (System.getenv("BENCH_VERBOSE") != null
                                ? " classes=" + loadedClasses() + " cpuMs=" + cpuMillis()
                                : "")
                        + " peakRssKiB="
                        + peakRssKiB());
    }

    /**
     * The process's CPU time so far, user and system, all threads (from {@code /proc/self/stat}, in
     * clock ticks of 10 ms); -1 where there is none. Beside the wall time it tells whether a cold
     * start kept both cores busy, so that work moved to a second thread cannot shorten it.
     */
    static long cpuMillis() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of the line (utime, stime), counted from the state after the name.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String sdkFields(SdkCallTally tally) {
        return " sdkMicros=" + tally.nanos / 1_000 + " sdkCalls=" + tally.calls;
    }

    private static Method streamMethod(Class<?> type) {
        try {
            return type.getMethod(
                    "handleRequest", InputStream.class, java.io.OutputStream.class, Context.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Method handleMethod(Class<?> type) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals("handleRequest")
                    && !method.isBridge()
                    && method.getParameterCount() == 2
                    && method.getParameterTypes()[1] == Context.class) {
                return method;
            }
        }
        throw new IllegalStateException(type + " has no handleRequest(event, Context)");
    }

    /**
     * The runtime hands the handler its own small context class; a plain class here rather than a
     * reflective proxy, whose machinery would be charged to the function's cold start.
     */
    private static Object context() {
        // Declared as Object: the floor row runs without the Lambda library on its class path,
        // and verifying a method that returns the interface type would load it.
        return new BenchContext();
    }

    private static final class BenchContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "bench-request";
        }

        @Override
        public String getLogGroupName() {
            return null;
        }

        @Override
        public String getLogStreamName() {
            return null;
        }

        @Override
        public String getFunctionName() {
            return "bench";
        }

        @Override
        public String getFunctionVersion() {
            return null;
        }

        @Override
        public String getInvokedFunctionArn() {
            return null;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 15_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
            return null;
        }
    }

    /**
     * Classes loaded so far (shown with BENCH_VERBOSE=1): a load-independent measure of a cold
     * start's work, for comparing changes on a busy machine.
     */
    static long loadedClasses() {
        return java.lang.management.ManagementFactory.getClassLoadingMXBean()
                .getTotalLoadedClassCount();
    }

    static long peakRssKiB() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}

package org.newsroom.local.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM with one function's deployable jar on the class path and does what the Lambda
 * Java runtime does on a cold start: load the handler class, construct it, deserialise the first
 * event with the runtime's own event serialisers, and handle it. Prints one line: {@code init=<ms>
 * handle=<ms> peakRssKiB=<n>}. With {@code --floor} it only prints, so the same JVM flags give the
 * baseline.
 *
 * <p>Deliberately free of the project's classes: only the JDK, the function jar and the runtime's
 * serialisation library are on the class path.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--floor")) {
            System.out.println("hello init=0 handle=0 peakRssKiB=" + peakRssKiB());
            return;
        }
        long start = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getConstructor().newInstance();
        long constructed = System.nanoTime();
        Method method = handleMethod(type);
        Class<?> input = method.getParameterTypes()[0];
        Object event;
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            PojoSerializer<?> serializer =
                    LambdaEventSerializers.serializerFor(input, type.getClassLoader());
            event = serializer.fromJson(in);
        }
        Object result = method.invoke(handler, event, context());
        long handled = System.nanoTime();
        if (result == null && method.getReturnType() != void.class) {
            throw new IllegalStateException("The handler returned nothing");
        }
        System.out.println(
                "init="
                        + (constructed - start) / 1_000_000
                        + " handle="
                        + (handled - constructed) / 1_000_000
                        + " peakRssKiB="
                        + peakRssKiB());
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

    private static Context context() {
        return (Context)
                Proxy.newProxyInstance(
                        Context.class.getClassLoader(),
                        new Class<?>[] {Context.class},
                        (proxy, m, a) ->
                                switch (m.getName()) {
                                    case "getAwsRequestId" -> "bench-request";
                                    case "getFunctionName" -> "bench";
                                    case "getRemainingTimeInMillis" -> 15_000;
                                    case "getMemoryLimitInMB" -> 1024;
                                    default -> null;
                                });
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

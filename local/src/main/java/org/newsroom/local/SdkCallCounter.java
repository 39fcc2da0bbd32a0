package org.newsroom.local;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the AWS SDK calls a piece of work makes on its own thread, for tests that bound the calls
 * per request ("an article page is at most two DynamoDB calls").
 *
 * <p>The SDK attaches it to every client it builds when its class name is listed in a {@code
 * software/amazon/awssdk/global/handlers/execution.interceptors} resource; the integration tests'
 * class path has one, {@code make run} and the benchmark do not, so only tests pay for it. The API
 * server then reports each request's calls in an {@value #HEADER} response header. A call is
 * counted once however many attempts it takes.
 */
public final class SdkCallCounter implements ExecutionInterceptor {

    /** The local-only response header listing a request's SDK calls. */
    public static final String HEADER = "x-local-sdk-calls";

    private static final ThreadLocal<List<String>> CALLS = new ThreadLocal<>();
    private static volatile boolean installed;

    /** Built by the SDK, once per client. */
    public SdkCallCounter() {
        installed = true;
    }

    /** Whether any SDK client in this JVM counts its calls. */
    static boolean installed() {
        return installed;
    }

    /** The work's result and the calls it made on this thread, as {@code Service.Operation}. */
    record Counted<T>(T result, List<String> calls) {}

    static <T> Counted<T> count(Supplier<T> work) {
        List<String> previous = CALLS.get();
        List<String> calls = new ArrayList<>();
        CALLS.set(calls);
        try {
            T result = work.get();
            return new Counted<>(result, List.copyOf(calls));
        } finally {
            CALLS.set(previous);
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<String> calls = CALLS.get();
        if (calls != null) {
            calls.add(
                    attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
                            + "."
                            + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }
}

package org.newsroom.local.bench;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Times every SDK call made on the current thread while a measurement is open: from the start of
 * the call to its result or failure, so marshalling, signing, the round trip and unmarshalling
 * count as the call's, not as the handler's. {@link WarmPathBench} installs it as a global
 * interceptor (the SDK's {@code execution.interceptors} class-path file) of the clients the
 * handlers build, in the benchmark's JVM only.
 */
public final class SdkCallTimer implements ExecutionInterceptor {

    /** Calls made and nanoseconds spent in them since {@link #open()} on this thread. */
    static final class Tally {
        long calls;
        long nanos;
    }

    private static final ExecutionAttribute<Long> STARTED =
            new ExecutionAttribute<>("newsroom.bench.started");
    private static final ThreadLocal<Tally> CURRENT = new ThreadLocal<>();

    /** Starts counting this thread's calls. */
    static Tally open() {
        Tally tally = new Tally();
        CURRENT.set(tally);
        return tally;
    }

    /** Stops counting this thread's calls. */
    static void close() {
        CURRENT.remove();
    }

    @Override
    public void beforeExecution(
            Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        executionAttributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(
            Context.AfterExecution context, ExecutionAttributes executionAttributes) {
        record(executionAttributes);
    }

    @Override
    public void onExecutionFailure(
            Context.FailedExecution context, ExecutionAttributes executionAttributes) {
        record(executionAttributes);
    }

    private static void record(ExecutionAttributes attributes) {
        Tally tally = CURRENT.get();
        Long started = attributes.getAttribute(STARTED);
        if (tally != null && started != null) {
            tally.calls++;
            tally.nanos += System.nanoTime() - started;
        }
    }
}

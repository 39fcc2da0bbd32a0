package org.newsroom.local.bench;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Times every SDK call made on the current thread while a measurement is open ({@link
 * SdkCallTally}): from the start of the call to its result or failure, so marshalling, signing, the
 * round trip and unmarshalling count as the call's, not as the handler's. {@code make bench}
 * installs it as a global interceptor (the SDK's {@code execution.interceptors} class-path file) of
 * every client built in the benchmark's JVM ({@link WarmPathBench}) and in each probe JVM ({@link
 * ColdStartProbe}), never in a function's jar.
 */
public final class SdkCallTimer implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED =
            new ExecutionAttribute<>("newsroom.bench.started");

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
        Long started = attributes.getAttribute(STARTED);
        if (started != null) {
            SdkCallTally.record(System.nanoTime() - started);
        }
    }
}

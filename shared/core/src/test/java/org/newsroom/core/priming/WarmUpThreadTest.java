package org.newsroom.core.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.newsroom.core.aws.DynamoDbModels.Operation;
import org.newsroom.core.template.Templates;

class WarmUpThreadTest {

    @Test
    void start_shouldRunTheWorkOnADaemonThread_andDropAFailure() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        Thread thread;
        try {
            thread =
                    WarmUpThread.start(
                            "test-warm-up",
                            () -> {
                                ran.set(Thread.currentThread().isDaemon());
                                throw new IllegalStateException("dropped");
                            });
            thread.join(5_000);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertTrue(ran.get());
        assertFalse(thread.isAlive());
        assertEquals(List.of(), uncaught);
    }

    @Test
    void awaitAll_shouldWaitForTheWork_andSayWhenItIsNotDoneInTime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread thread =
                WarmUpThread.start(
                        "test-slow-warm-up",
                        () -> {
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        assertFalse(WarmUpThread.awaitAll(Duration.ofMillis(50)));
        release.countDown();
        assertTrue(WarmUpThread.awaitAll(Duration.ofSeconds(5)));
        assertFalse(thread.isAlive());
    }

    @Test
    void modelsAndTemplates_shouldLoadTheModelsAndCompileTheTemplates_onItsThread()
            throws Exception {
        Thread thread =
                ModelsAndTemplates.warmUp(
                        "test-loading",
                        EnumSet.of(Operation.QUERY, Operation.TRANSACT_WRITE_ITEMS),
                        Templates.class,
                        "greeting.html.mustache");
        thread.join(10_000);
        assertFalse(thread.isAlive());
        assertEquals("test-loading", thread.getName());
        assertTrue(thread.isDaemon());
    }
}

package org.newsroom.core.priming;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Work a function's init hands to a second thread while its main thread builds the SDK clients, the
 * slowest part of a cold start: loading and initialising the classes its first request will need
 * (model classes of the DynamoDB operations it calls, its templates, its parsers). Lambda's init
 * phase has two cores for it; on one, the work only moves earlier. The work must only load and
 * build: nothing read, written, sent or logged. A failure is dropped, because the first request
 * does the same work and reports what fails the usual way. {@link Priming} waits for every one
 * started before a SnapStart snapshot is taken, so the snapshot holds what they loaded.
 */
public final class WarmUpThread {

    private static final List<Thread> STARTED = new CopyOnWriteArrayList<>();

    private WarmUpThread() {}

    /** Starts {@code work} on a daemon thread named {@code name} and returns the thread. */
    public static Thread start(String name, Runnable work) {
        Thread thread = new Thread(() -> runQuietly(work), name);
        thread.setDaemon(true);
        STARTED.add(thread);
        thread.start();
        return thread;
    }

    /**
     * Waits until every warm-up started so far has finished, or {@code limit} has passed; answers
     * whether they all finished.
     */
    public static boolean awaitAll(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread thread : STARTED) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, left / 1_000_000));
            }
        }
        return allDone();
    }

    private static boolean allDone() {
        for (Thread thread : STARTED) {
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    private static void runQuietly(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | LinkageError e) {
            // The first request does the same work and reports what fails.
        }
    }
}

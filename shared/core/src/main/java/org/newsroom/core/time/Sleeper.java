package org.newsroom.core.time;

/**
 * Waits between attempts or sends: {@code Thread::sleep} in production, a recorder in tests (so a
 * test of backoff or pacing takes no time and can check the waits asked for).
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(long millis) throws InterruptedException;
}

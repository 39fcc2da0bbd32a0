package org.newsroom.local;

/**
 * Waits between polls; an interrupt (the stack stopping) ends the wait and is kept for the loop.
 */
final class Pause {

    private Pause() {}

    static void quietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts a poller's thread and waits up to {@code millis} for it to end. */
    static void stop(Thread thread, long millis) {
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

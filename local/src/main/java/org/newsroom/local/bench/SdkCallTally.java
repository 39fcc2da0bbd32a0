package org.newsroom.local.bench;

/**
 * The SDK calls made on one thread while a measurement is open, as {@link SdkCallTimer} records
 * them. Free of SDK types, so that {@link ColdStartProbe} can open a measurement before the first
 * request without loading any SDK class itself: a function that builds its clients lazily loads
 * them inside its first request, as it would on Lambda.
 */
final class SdkCallTally {

    private static final ThreadLocal<SdkCallTally> CURRENT = new ThreadLocal<>();

    /** Calls made since {@link #open()}. */
    long calls;

    /** Nanoseconds spent in those calls, from the start of each to its result or failure. */
    long nanos;

    private SdkCallTally() {}

    /** Starts counting this thread's calls, in a new tally. */
    static SdkCallTally open() {
        SdkCallTally tally = new SdkCallTally();
        CURRENT.set(tally);
        return tally;
    }

    /** Stops counting this thread's calls; the tally keeps what it counted. */
    static void close() {
        CURRENT.remove();
    }

    /** Counts one call of {@code nanos} on this thread, if a measurement is open. */
    static void record(long nanos) {
        SdkCallTally tally = CURRENT.get();
        if (tally != null) {
            tally.calls++;
            tally.nanos += nanos;
        }
    }
}

package org.newsroom.local.bench;

/**
 * The SDK calls made on one thread while a measurement is open, as {@link SdkCallTimer} records
 * them. Free of SDK types, so that {@link ColdStartProbe} can open a measurement before the first
 * request without loading any SDK class itself: a function that builds its clients lazily loads
 * them inside its first request, as it would on Lambda. Public, because a function measured in a
 * class loader of its own ({@link IsolatedFunction}) has its own copies of the timer and of the
 * bench's classes, which record into this one: a class of another loader is in another runtime
 * package.
 */
public final class SdkCallTally {

    private static final ThreadLocal<SdkCallTally> CURRENT = new ThreadLocal<>();

    /** Calls made since {@link #open()}. */
    public long calls;

    /** Nanoseconds spent in those calls, from the start of each to its result or failure. */
    public long nanos;

    private SdkCallTally() {}

    /** Starts counting this thread's calls, in a new tally. */
    public static SdkCallTally open() {
        SdkCallTally tally = new SdkCallTally();
        CURRENT.set(tally);
        return tally;
    }

    /** Stops counting this thread's calls; the tally keeps what it counted. */
    public static void close() {
        CURRENT.remove();
    }

    /** Counts one call of {@code nanos} on this thread, if a measurement is open. */
    public static void record(long nanos) {
        SdkCallTally tally = CURRENT.get();
        if (tally != null) {
            tally.calls++;
            tally.nanos += nanos;
        }
    }
}

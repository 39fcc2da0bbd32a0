package org.newsroom.core.log;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Lambda invocation as the logs see it: while it is open on a thread, every {@link Log} line
 * written on that thread carries {@code awsRequestId} and {@code coldStart}, so the lines of one
 * request can be found together and cold starts counted.
 *
 * <p>A handler keeps one {@link Tracker} (one per handler instance, which Lambda creates once per
 * container) and opens an invocation around each call:
 *
 * <pre>{@code
 * try (Invocation ignored = tracker.begin(context)) { ... }
 * }</pre>
 */
public final class Invocation implements AutoCloseable {

    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();

    private final String requestId;
    private final boolean coldStart;
    private final Invocation previous;

    private Invocation(String requestId, boolean coldStart, Invocation previous) {
        this.requestId = requestId;
        this.coldStart = coldStart;
        this.previous = previous;
    }

    /** The request id Lambda gave the invocation; null when invoked without a context (tests). */
    public String requestId() {
        return requestId;
    }

    /** Whether this is the first invocation the handler instance serves. */
    public boolean coldStart() {
        return coldStart;
    }

    /** The invocation open on this thread, or null. */
    static Invocation current() {
        return CURRENT.get();
    }

    @Override
    public void close() {
        // Set, not removed: the thread keeps its entry for the next invocation; removing it and
        // adding it back on every request showed in the warm path's profile.
        CURRENT.set(previous);
    }

    /** Knows whether its handler has served an invocation yet. */
    public static final class Tracker {

        private final AtomicBoolean cold = new AtomicBoolean(true);

        /** Opens an invocation on the current thread; close it when the call returns. */
        public Invocation begin(Context context) {
            String requestId = context == null ? null : context.getAwsRequestId();
            // Only the first caller sees true; after that a read, not an atomic write, per call.
            boolean coldStart = cold.get() && cold.getAndSet(false);
            Invocation invocation = new Invocation(requestId, coldStart, CURRENT.get());
            CURRENT.set(invocation);
            return invocation;
        }
    }
}

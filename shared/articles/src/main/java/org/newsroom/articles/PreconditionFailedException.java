package org.newsroom.articles;

/**
 * A write's {@link Precondition} does not hold, so nothing was written. The handler maps {@link
 * Reason#EXISTS} to 428 Precondition Required and the others to 412 Precondition Failed.
 */
public class PreconditionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the precondition failed. */
    public enum Reason {
        /** A create-only write found an existing article. */
        EXISTS,
        /** A conditional write found no article. */
        MISSING,
        /** The article's current revision is not one the write named. */
        STALE
    }

    private final Reason reason;

    public PreconditionFailedException(Reason reason) {
        super("Precondition failed: " + reason);
        this.reason = reason;
    }

    public PreconditionFailedException(Reason reason, Throwable cause) {
        super("Precondition failed: " + reason, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

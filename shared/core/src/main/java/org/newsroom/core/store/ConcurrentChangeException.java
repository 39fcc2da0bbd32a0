package org.newsroom.core.store;

/**
 * Another write to the same item won the race, and the operation did not apply. Reading again and
 * retrying may succeed; {@code ApiHandler} answers 409 so the client does exactly that.
 */
public class ConcurrentChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConcurrentChangeException(String message) {
        super(message);
    }

    public ConcurrentChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}

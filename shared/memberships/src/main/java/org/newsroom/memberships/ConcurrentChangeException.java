package org.newsroom.memberships;

/** An item kept changing under an operation until it gave up; the caller may retry later. */
public class ConcurrentChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConcurrentChangeException(String message) {
        super(message);
    }
}

package org.newsroom.subscriptions;

/**
 * A link token that is garbled, tampered with, signed by an unknown key, for another purpose, or
 * expired.
 */
public class InvalidTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean expired;

    public InvalidTokenException(String reason, boolean expired) {
        super(reason, null, false, false);
        this.expired = expired;
    }

    /** True when the token was genuine but too old (the page can offer to sign up again). */
    public boolean expired() {
        return expired;
    }
}

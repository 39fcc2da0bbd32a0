package org.newsroom.mail;

/**
 * An email could not be handed over for delivery; the provider's exception is the cause. {@link
 * #retryable()} says whether trying again later can help (throttling, an outage) or not (the
 * message or the address was rejected for good).
 */
public class MailException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public MailException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}

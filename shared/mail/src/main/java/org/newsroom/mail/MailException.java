package org.newsroom.mail;

/**
 * An email could not be handed over for delivery, or it is not known whether it was; the provider's
 * exception is the cause. {@link #retryable()} says whether trying again later can help
 * (throttling, an outage) or not (the message or the address was rejected for good). {@link
 * #mayHaveBeenSent()} says the call failed after the request may have reached the provider (a
 * timeout, a connection lost mid-call): the email may be on its way, so sending it again may
 * deliver it twice.
 */
public class MailException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final boolean mayHaveBeenSent;

    /** A failure after which the email was certainly not accepted. */
    public MailException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, false, cause);
    }

    public MailException(
            String message, boolean retryable, boolean mayHaveBeenSent, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.mayHaveBeenSent = mayHaveBeenSent;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Whether the provider may have accepted the email although the call failed. */
    public boolean mayHaveBeenSent() {
        return mayHaveBeenSent;
    }
}

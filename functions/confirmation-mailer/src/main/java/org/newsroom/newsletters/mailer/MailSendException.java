package org.newsroom.newsletters.mailer;

/** A send failed; {@link #retryable()} says whether trying again later can help. */
public class MailSendException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public MailSendException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}

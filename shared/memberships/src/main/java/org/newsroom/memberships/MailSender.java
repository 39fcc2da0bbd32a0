package org.newsroom.memberships;

/** Sends one email; throws {@link MailException} when it could not be handed over. */
public interface MailSender {

    void send(Email email);

    /** The email was not accepted for delivery; the provider's exception is the cause. */
    class MailException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MailException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

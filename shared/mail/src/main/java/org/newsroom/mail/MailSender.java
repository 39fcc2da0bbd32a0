package org.newsroom.mail;

/** Sends one email. */
public interface MailSender {

    /**
     * Hands {@code email} over for delivery.
     *
     * @throws MailException with {@code retryable} true for throttling and outages (try again
     *     later) and false when the message or address is rejected for good
     */
    void send(Email email);
}

package org.newsroom.newsletters.mailer;

/** Sends one raw MIME message. */
public interface MailSender {

    /**
     * Sends {@code raw} to {@code to}.
     *
     * @throws MailSendException with {@code retryable} true for throttling and outages (try the
     *         record again later) and false when the message or address is rejected for good
     */
    void send(String from, String to, byte[] raw);
}

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

    /**
     * A sender built on its first email, for functions that send only on a rare path (the links
     * function's erase and export emails): building an SES client is a sizeable share of a cold
     * start that most of their requests would pay for nothing.
     */
    static MailSender lazy(java.util.function.Supplier<? extends MailSender> factory) {
        java.util.function.Supplier<? extends MailSender> sender =
                org.newsroom.core.aws.Lazy.of(factory);
        return email -> sender.get().send(email);
    }
}

package org.newsroom.newsletters.mailer;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * SES v2 {@code SendEmail} with raw content (so List-Unsubscribe and the other custom headers
 * are kept) through the configured configuration set, which publishes bounces and complaints.
 * Throttling is retried here a few times with exponential backoff before the record is given
 * back to the event source mapping.
 */
public final class SesMailSender implements MailSender {

    static final int THROTTLE_ATTEMPTS = 4;

    private final SesV2Client ses;
    private final String configurationSet;
    private final Sleeper sleeper;

    /** Waits between attempts; replaced in tests. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public SesMailSender(SesV2Client ses, String configurationSet, Sleeper sleeper) {
        this.ses = ses;
        this.configurationSet = configurationSet;
        this.sleeper = sleeper;
    }

    @Override
    public void send(String from, String to, byte[] raw) {
        long backoff = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                ses.sendEmail(b -> b
                        .fromEmailAddress(from)
                        .destination(d -> d.toAddresses(to))
                        .configurationSetName(configurationSet)
                        .content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(raw)))));
                return;
            } catch (TooManyRequestsException | LimitExceededException e) {
                if (attempt >= THROTTLE_ATTEMPTS) {
                    throw new MailSendException("SES kept throttling", true, e);
                }
                try {
                    sleeper.sleep(backoff + (long) (Math.random() * backoff));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new MailSendException("Interrupted while backing off", true, e);
                }
                backoff *= 2;
            } catch (MessageRejectedException | BadRequestException e) {
                throw new MailSendException("SES rejected the message", false, e);
            } catch (SdkException e) {
                throw new MailSendException("SES call failed", true, e);
            }
        }
    }
}

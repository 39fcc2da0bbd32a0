package org.newsroom.mail;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * SES v2 {@code SendEmail} with raw MIME content (so List-Unsubscribe and the other custom headers
 * are kept, and both parts arrive) through the configuration set, which publishes bounces and
 * complaints. Throttling is retried here a few times with exponential backoff and jitter before the
 * failure is reported as retryable. Each call is bounded by the client's API call timeout ({@code
 * AwsClients.sesV2()}), shorter than any function's timeout.
 *
 * <p>A call that times out, or loses its connection, after the request left may have been accepted
 * by SES: that failure is retryable and {@link MailException#mayHaveBeenSent()}, so each caller
 * decides between a possible second copy and a possibly lost email. A connection that was never
 * made, an error answer from SES and throttling mean nothing was sent.
 */
public final class SesMailSender implements MailSender {

    static final int THROTTLE_ATTEMPTS = 4;
    static final long FIRST_BACKOFF_MILLIS = 100;

    private final SesV2Client ses;
    private final String configurationSet;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Waits between attempts; replaced in tests. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public SesMailSender(SesV2Client ses, String configurationSet, Clock clock, Sleeper sleeper) {
        this.ses = Objects.requireNonNull(ses, "ses");
        this.configurationSet = Objects.requireNonNull(configurationSet, "configurationSet");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Sends through {@code ses} with real time and real waits. */
    public static SesMailSender create(SesV2Client ses, String configurationSet) {
        return new SesMailSender(ses, configurationSet, Clock.systemUTC(), Thread::sleep);
    }

    @Override
    public void send(Email email) {
        byte[] raw = MimeMessage.build(email, clock.instant().atZone(ZoneOffset.UTC));
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                ses.sendEmail(
                        b ->
                                b.fromEmailAddress(email.from())
                                        .destination(d -> d.toAddresses(email.to()))
                                        .configurationSetName(configurationSet)
                                        .content(
                                                c ->
                                                        c.raw(
                                                                r ->
                                                                        r.data(
                                                                                SdkBytes
                                                                                        .fromByteArray(
                                                                                                raw)))));
                return;
            } catch (TooManyRequestsException | LimitExceededException e) {
                if (attempt >= THROTTLE_ATTEMPTS) {
                    throw new MailException("SES kept throttling", true, e);
                }
                try {
                    sleeper.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new MailException("Interrupted while backing off", true, e);
                }
                backoff *= 2;
            } catch (MessageRejectedException | BadRequestException e) {
                throw new MailException("SES rejected the message", false, e);
            } catch (SdkServiceException e) {
                throw new MailException("SES answered with an error", true, e);
            } catch (SdkException e) {
                if (neverConnected(e)) {
                    throw new MailException("SES could not be reached", true, e);
                }
                throw new MailException("SES call outcome unknown", true, true, e);
            }
        }
    }

    /** Whether the call failed before any byte of the request could reach SES. */
    private static boolean neverConnected(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}

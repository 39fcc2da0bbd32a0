package org.newsroom.mail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.aws.AwsJsonApi;
import org.newsroom.core.json.JsonObjectWriter;
import org.newsroom.core.time.Sleeper;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * SES v2 {@code SendEmail} with raw MIME content (so List-Unsubscribe and the other custom headers
 * are kept, and both parts arrive) through the configuration set, which publishes bounces and
 * complaints. Throttling is retried here a few times with exponential backoff and jitter before the
 * failure is reported as retryable. Each call is given up after {@code AwsClients.API_CALL_TIMEOUT}
 * (10 s), shorter than any function's timeout.
 *
 * <p>A call that times out, or loses its connection, after the request left may have been accepted
 * by SES: that failure is retryable and {@link MailException#mayHaveBeenSent()}, so each caller
 * decides between a possible second copy and a possibly lost email; so is a failure on SES's side
 * (5xx), which does not say the message was not accepted first. A connection that was never made,
 * an error answer (4xx) and throttling mean nothing was sent.
 */
public final class SesMailSender implements MailSender {

    static final int THROTTLE_ATTEMPTS = 4;
    static final long FIRST_BACKOFF_MILLIS = 100;

    static final String PATH = "/v2/email/outbound-emails";

    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json");

    private final AwsJsonApi ses;
    private final String configurationSet;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration callTimeout;

    public SesMailSender(AwsJsonApi ses, String configurationSet, Clock clock, Sleeper sleeper) {
        this(ses, configurationSet, clock, sleeper, AwsClients.API_CALL_TIMEOUT);
    }

    /** With each call given up after {@code callTimeout} (tests). */
    SesMailSender(
            AwsJsonApi ses,
            String configurationSet,
            Clock clock,
            Sleeper sleeper,
            Duration callTimeout) {
        this.ses = Objects.requireNonNull(ses, "ses");
        this.configurationSet = Objects.requireNonNull(configurationSet, "configurationSet");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    }

    /** Sends through {@code ses} with real time and real waits. */
    public static SesMailSender create(AwsJsonApi ses, String configurationSet) {
        return new SesMailSender(ses, configurationSet, Clock.systemUTC(), Thread::sleep);
    }

    @Override
    public void send(Email email) {
        byte[] request = request(email);
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            AwsJsonApi.Reply reply;
            try {
                reply = ses.post(PATH, HEADERS, request, callTimeout);
            } catch (IOException e) {
                if (neverConnected(e)) {
                    throw new MailException("SES could not be reached", true, e);
                }
                throw new MailException("SES call outcome unknown", true, true, e);
            } catch (SdkException e) {
                // Before anything was sent: no credentials, no region, no endpoint.
                throw new MailException("SES could not be called", true, e);
            }
            if (reply.ok()) {
                return;
            }
            String code = reply.errorCode();
            if (reply.status() == 429
                    || code.equals("TooManyRequestsException")
                    || code.equals("LimitExceededException")) {
                if (attempt >= THROTTLE_ATTEMPTS) {
                    throw new MailException("SES kept throttling", true, reply.exception());
                }
                try {
                    sleeper.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new MailException(
                            "Interrupted while backing off", true, reply.exception());
                }
                backoff *= 2;
            } else if (code.equals("MessageRejected") || code.equals("BadRequestException")) {
                throw new MailException("SES rejected the message", false, reply.exception());
            } else if (reply.status() >= 500) {
                // A failure on SES's side does not say the message was not accepted first.
                throw new MailException("SES failed on its side", true, true, reply.exception());
            } else {
                throw new MailException("SES answered with an error", true, reply.exception());
            }
        }
    }

    /** The SendEmail request: the raw message, base64 in JSON, through the configuration set. */
    private byte[] request(Email email) {
        byte[] raw = MimeMessage.build(email, clock.instant().atZone(ZoneOffset.UTC));
        String data = Base64.getEncoder().encodeToString(raw);
        return JsonObjectWriter.utf8(data.length() + 256)
                .put("FromEmailAddress", email.from())
                .startObject("Destination")
                .startArray("ToAddresses")
                .add(email.to())
                .endArray()
                .endObject()
                .put("ConfigurationSetName", configurationSet)
                .startObject("Content")
                .startObject("Raw")
                .put("Data", data)
                .endObject()
                .endObject()
                .toUtf8();
    }

    /** Whether the call failed before any byte of the request could reach SES. */
    private static boolean neverConnected(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException
                    // What the JDK's HTTP connection throws when connect() itself timed out.
                    || (cause instanceof SocketTimeoutException timeout
                            && "Connect timed out".equals(timeout.getMessage()))) {
                return true;
            }
        }
        return false;
    }
}

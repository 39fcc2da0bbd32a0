package org.newsroom.newsletters.signup;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.subscriptions.ConfirmationRequest;
import org.newsroom.subscriptions.Consent;
import org.newsroom.subscriptions.SubscriptionRepository;
import org.newsroom.subscriptions.SubscriptionStatus;

/**
 * The double opt-in rules of a signup, whatever the channel. The caller answers the same way
 * whatever happens here, and the store work is the same whatever the address's state (new, pending,
 * confirmed, unsubscribed or suppressed), so neither the answer nor its timing tells who
 * subscribes.
 *
 * <ul>
 *   <li>Each newsletter becomes pending unless it is confirmed (never downgraded) or suppressed:
 *       one conditional write per newsletter, whatever the outcome.
 *   <li>Then one confirmation request is recorded, always. Every decision that depends on the
 *       address's state is the mailer's, off the request path: a suppressed address or nothing
 *       pending sends nothing, the send cap (per inbox) and the hourly budget are taken only once
 *       the request is recorded, and the email covers every newsletter still pending.
 * </ul>
 */
public final class SignupService {

    /** What happened, for logs and tests only: never shown to the client. */
    public enum Outcome {
        /** At least one newsletter is pending now. */
        PENDING,
        /** Nothing became pending (confirmed or suppressed already). */
        NOTHING_PENDING
    }

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Unsent confirmation requests are cleaned up after this. */
    static final Duration REQUEST_RETENTION = Duration.ofDays(7);

    private final SubscriptionRepository repository;
    private final AddressKeys keys;
    private final Duration unconfirmedTtl;

    /**
     * @param keys the address's id (its records' key) and mailbox id (its send cap's key)
     * @param unconfirmedTtl how long a pending subscription waits for its confirmation
     */
    public SignupService(
            SubscriptionRepository repository, AddressKeys keys, Duration unconfirmedTtl) {
        this.repository = repository;
        this.keys = keys;
        this.unconfirmedTtl = unconfirmedTtl;
    }

    public Outcome subscribe(
            EmailAddress address, List<String> newsletters, Consent consent, Instant now) {
        String addressId = keys.id(address);
        boolean pending = false;
        for (String newsletter : newsletters) {
            SubscriptionStatus status =
                    repository.requestPending(
                            addressId, address, newsletter, consent, now, now.plus(unconfirmedTtl));
            pending |= status == SubscriptionStatus.PENDING;
        }
        repository.recordConfirmationRequest(
                new ConfirmationRequest(
                        addressId,
                        requestId(now),
                        address.value(),
                        newsletters,
                        now,
                        keys.mailboxId(address)),
                now.plus(REQUEST_RETENTION));
        return pending ? Outcome.PENDING : Outcome.NOTHING_PENDING;
    }

    private static String requestId(Instant now) {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return REQUEST_TIME.format(now) + "-" + HexFormat.of().formatHex(random);
    }
}

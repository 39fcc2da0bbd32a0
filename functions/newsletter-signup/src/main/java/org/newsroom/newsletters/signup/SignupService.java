package org.newsroom.newsletters.signup;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.subscriptions.ConfirmationRequest;
import org.newsroom.subscriptions.Consent;
import org.newsroom.subscriptions.SendCap;
import org.newsroom.subscriptions.SubscriptionRepository;
import org.newsroom.subscriptions.SubscriptionStatus;

/**
 * The double opt-in rules of a signup, whatever the channel. The caller answers the same way
 * whatever happens here, so nothing about the address's state leaks.
 *
 * <ul>
 *   <li>A suppressed address: nothing written, nothing sent.
 *   <li>Each newsletter becomes pending unless it is confirmed (never downgraded) or suppressed.
 *   <li>If anything is pending and the address's send cap rules allow, one confirmation request
 *       covering every pending newsletter of the address (this signup's and earlier ones held back
 *       by the cap) is recorded; the mailer sends it from the stream.
 * </ul>
 */
public final class SignupService {

    /** What happened, for logs and tests only: never shown to the client. */
    public enum Outcome {
        SUPPRESSED,
        NOTHING_PENDING,
        CAPPED,
        CONFIRMATION_REQUESTED
    }

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Unsent confirmation requests are cleaned up after this. */
    static final Duration REQUEST_RETENTION = Duration.ofDays(7);

    private final SubscriptionRepository repository;
    private final SendCap sendCap;
    private final AddressKeys keys;
    private final SendCap.Rules sendCapRules;
    private final Duration unconfirmedTtl;

    /**
     * @param sendCapRules how often one address may be sent a confirmation email
     * @param unconfirmedTtl how long a pending subscription waits for its confirmation
     */
    public SignupService(
            SubscriptionRepository repository,
            SendCap sendCap,
            AddressKeys keys,
            SendCap.Rules sendCapRules,
            Duration unconfirmedTtl) {
        this.repository = repository;
        this.sendCap = sendCap;
        this.keys = keys;
        this.sendCapRules = sendCapRules;
        this.unconfirmedTtl = unconfirmedTtl;
    }

    public Outcome subscribe(
            EmailAddress address, List<String> newsletters, Consent consent, Instant now) {
        String addressId = keys.id(address);
        if (repository.isSuppressed(addressId)) {
            return Outcome.SUPPRESSED;
        }
        List<String> pending = new ArrayList<>();
        for (String newsletter : newsletters) {
            SubscriptionStatus status =
                    repository.requestPending(
                            addressId, address, newsletter, consent, now, now.plus(unconfirmedTtl));
            if (status == SubscriptionStatus.SUPPRESSED) {
                return Outcome.SUPPRESSED;
            }
            if (status == SubscriptionStatus.PENDING) {
                pending.add(newsletter);
            }
        }
        if (pending.isEmpty()) {
            return Outcome.NOTHING_PENDING;
        }
        if (!sendCap.tryAcquire(addressId, sendCapRules, now)) {
            return Outcome.CAPPED;
        }
        // One email for everything still waiting, including newsletters asked for while the cap
        // held.
        Set<String> everything = new LinkedHashSet<>(pending);
        repository.findAll(addressId).stream()
                .filter(s -> s.status() == SubscriptionStatus.PENDING)
                .forEach(s -> everything.add(s.newsletter()));
        repository.recordConfirmationRequest(
                new ConfirmationRequest(
                        addressId, requestId(now), address.value(), List.copyOf(everything), now),
                now.plus(REQUEST_RETENTION));
        return Outcome.CONFIRMATION_REQUESTED;
    }

    private static String requestId(Instant now) {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return REQUEST_TIME.format(now) + "-" + HexFormat.of().formatHex(random);
    }
}

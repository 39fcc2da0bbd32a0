package org.newsroom.subscriptions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.newsroom.core.email.EmailAddress;

/**
 * Subscriptions, confirmation requests and suppressions of one address, keyed by the address id
 * ({@link org.newsroom.core.email.AddressKeys#id}, given by the caller with the address). Every
 * state change is a conditional write, so concurrent requests cannot downgrade a confirmed
 * subscription or revive a suppressed one.
 */
public interface SubscriptionRepository {

    /** Whether the address bounced permanently or complained. */
    boolean isSuppressed(String addressId);

    /**
     * Makes (address, newsletter) pending unless it is confirmed or suppressed. Returns the status
     * it has afterwards: {@code PENDING} (new, still pending, or re-subscribed after leaving),
     * {@code CONFIRMED} or {@code SUPPRESSED} (left untouched).
     */
    SubscriptionStatus requestPending(
            String addressId,
            EmailAddress address,
            String newsletter,
            Consent consent,
            Instant now,
            Instant expiresAt);

    /** Records a confirmation email to send; the mailer picks it up from the stream. */
    void recordConfirmationRequest(ConfirmationRequest request, Instant expiresAt);

    /**
     * Claims a confirmation request for sending: present only if it exists, was not sent, and is
     * not claimed by another worker within {@code lease}. Makes duplicate stream records harmless.
     */
    Optional<ConfirmationRequest> claimConfirmationRequest(
            String addressId, String requestId, Instant now, Duration lease);

    void markConfirmationSent(String addressId, String requestId, Instant now);

    /** Gives a claimed request back after a failed send, so a retry can claim it. */
    void releaseConfirmationRequest(String addressId, String requestId);

    /** Confirms a pending subscription. True when it is confirmed afterwards (now or before). */
    boolean confirm(String addressId, String newsletter, Instant now);

    /** Every subscription of the address (not requests or suppressions). */
    List<Subscription> findAll(String addressId);

    /**
     * Whether the address is suppressed ({@link #isSuppressed}) and its subscriptions ({@link
     * #findAll}), in one consistent read of the address's records: what the confirmation mailer
     * decides on.
     */
    MailingState findMailingState(String addressId);

    /**
     * Unsubscribes a pending or confirmed subscription. True when it is unsubscribed afterwards.
     */
    boolean unsubscribe(String addressId, String newsletter, Instant now);

    /** Suppresses the address: every subscription, and any future signup. Idempotent. */
    void suppress(String addressId, EmailAddress address, String reason, Instant now);

    /** Everything stored about the address: what an export shows. */
    ReaderRecords findRecords(String addressId);

    /**
     * Deletes every record of the address; returns how many were deleted. A suppressed address
     * keeps a marker that holds nothing but its key (the address id), so a bounced or complaining
     * address stays suppressed: {@link #isSuppressed} stays true, signups and sends still refuse
     * it.
     */
    int erase(String addressId);
}

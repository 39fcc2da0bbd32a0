package org.newsroom.subscriptions;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.newsroom.core.time.Timestamps;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Item layout of the subscriptions table. One partition per address ({@code pk} = address id), so
 * everything about a reader is one Query and erasure is complete:
 *
 * <ul>
 *   <li>{@code sk = "NL#<newsletter>"}: a subscription (status, timestamps, consent evidence;
 *       {@code expiresAt} TTL while pending, removed on confirmation);
 *   <li>{@code sk = "CONFIRM#<request id>"}: a confirmation email to send ({@code mailboxId} keys
 *       its send cap); the mailer reacts to these inserts only;
 *   <li>{@code sk = "SUPPRESSED"}: the address bounced or complained. After an erasure only the key
 *       is left (no address, reason or time), so the address stays suppressed.
 * </ul>
 */
public final class SubscriptionItems {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String ADDRESS = "address";
    public static final String NEWSLETTER = "newsletter";
    public static final String NEWSLETTERS = "newsletters";
    public static final String STATUS = "status";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String CONFIRMED_AT = "confirmedAt";
    public static final String UNSUBSCRIBED_AT = "unsubscribedAt";
    public static final String SUPPRESSED_AT = "suppressedAt";
    public static final String CONSENT_SOURCE = "consentSource";
    public static final String CONSENT_PAGE = "consentPage";
    public static final String CONSENT_AT = "consentAt";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String CLAIMED_AT = "claimedAt";
    public static final String SENT_AT = "sentAt";
    public static final String REASON = "reason";
    public static final String MAILBOX_ID = "mailboxId";

    public static final String NEWSLETTER_PREFIX = "NL#";
    public static final String CONFIRM_PREFIX = "CONFIRM#";
    public static final String SUPPRESSED = "SUPPRESSED";

    private SubscriptionItems() {}

    public static Map<String, AttributeValue> key(String addressId, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, AttributeValue.fromS(addressId));
        key.put(SK, AttributeValue.fromS(sk));
        return key;
    }

    public static String newsletterSk(String newsletter) {
        return NEWSLETTER_PREFIX + newsletter;
    }

    public static String confirmSk(String requestId) {
        return CONFIRM_PREFIX + requestId;
    }

    public static long epochSeconds(Instant instant) {
        return instant.getEpochSecond();
    }

    public static Subscription toSubscription(Map<String, AttributeValue> item) {
        return new Subscription(
                item.get(PK).s(),
                s(item, ADDRESS),
                s(item, NEWSLETTER),
                SubscriptionStatus.fromCode(s(item, STATUS)),
                instant(item, CREATED_AT).orElse(Instant.EPOCH),
                instant(item, UPDATED_AT).orElse(Instant.EPOCH),
                instant(item, CONFIRMED_AT),
                new Consent(
                        s(item, CONSENT_SOURCE),
                        s(item, CONSENT_PAGE),
                        instant(item, CONSENT_AT).orElse(Instant.EPOCH)));
    }

    public static ReaderRecords.Suppression toSuppression(Map<String, AttributeValue> item) {
        return new ReaderRecords.Suppression(
                s(item, ADDRESS), s(item, REASON), instant(item, SUPPRESSED_AT));
    }

    /** The suppression marker erasure leaves: the key and nothing else. */
    public static Map<String, AttributeValue> erasedSuppression(String addressId) {
        return key(addressId, SUPPRESSED);
    }

    public static Map<String, AttributeValue> toItem(
            ConfirmationRequest request, Instant expiresAt) {
        Map<String, AttributeValue> item = key(request.addressId(), confirmSk(request.requestId()));
        item.put(ADDRESS, AttributeValue.fromS(request.address()));
        item.put(
                NEWSLETTERS,
                AttributeValue.fromL(
                        request.newsletters().stream().map(AttributeValue::fromS).toList()));
        item.put(CREATED_AT, AttributeValue.fromS(request.createdAt().toString()));
        item.put(MAILBOX_ID, AttributeValue.fromS(request.mailboxId()));
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(epochSeconds(expiresAt))));
        return item;
    }

    public static ConfirmationRequest toConfirmationRequest(Map<String, AttributeValue> item) {
        String sk = item.get(SK).s();
        AttributeValue list = item.get(NEWSLETTERS);
        List<String> newsletters =
                list == null || !list.hasL()
                        ? List.of()
                        : list.l().stream().map(AttributeValue::s).toList();
        return new ConfirmationRequest(
                item.get(PK).s(),
                sk.substring(CONFIRM_PREFIX.length()),
                s(item, ADDRESS),
                newsletters,
                instant(item, CREATED_AT).orElse(Instant.EPOCH),
                s(item, MAILBOX_ID));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static Optional<Instant> instant(Map<String, AttributeValue> item, String name) {
        String text = s(item, name);
        return text.isEmpty() ? Optional.empty() : Optional.of(Timestamps.parse(text));
    }

    /** The key of a confirmation request: whose address, and which request. */
    public record ConfirmationRequestKey(String addressId, String requestId) {}

    /**
     * The confirmation request an item key names, read from its key attributes (as a stream record
     * carries them); empty for every other kind of item.
     *
     * @param keyValue the string value of a key attribute by name, null when absent
     */
    public static Optional<ConfirmationRequestKey> confirmationRequest(
            Function<String, String> keyValue) {
        String pk = keyValue.apply(PK);
        String sk = keyValue.apply(SK);
        if (pk == null || sk == null || !sk.startsWith(CONFIRM_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(new ConfirmationRequestKey(pk, sk.substring(CONFIRM_PREFIX.length())));
    }
}

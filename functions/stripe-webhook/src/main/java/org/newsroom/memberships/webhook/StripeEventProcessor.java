package org.newsroom.memberships.webhook;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.json.JsonNode;
import org.newsroom.memberships.GiftPurchase;
import org.newsroom.memberships.MembershipService;
import org.newsroom.memberships.MembershipService.Outcome;

/**
 * Maps a verified Stripe event to a membership operation:
 *
 * <ul>
 *   <li>{@code checkout.session.completed} and {@code checkout.session.async_payment_succeeded},
 *       only when {@code payment_status} is {@code paid}: {@code mode=subscription} starts a
 *       membership (id = the subscription); {@code mode=payment} with gift details is a gift
 *       purchase (id = the payment intent).
 *   <li>{@code invoice.paid} of a non-zero amount: a renewal keeps the membership active (and
 *       starts it when the invoice arrives before the checkout event, as Stripe allows). A zero
 *       invoice (a trial, a 100% coupon) counts nobody.
 *   <li>{@code customer.subscription.updated}: status {@code unpaid}, {@code canceled}, {@code
 *       paused} or {@code incomplete_expired} ends the membership; {@code active} starts it again
 *       (or keeps it); other statuses ({@code trialing}, {@code past_due}, ...) change nothing. The
 *       event's time orders it against the others, so a late delivery cannot undo a newer change.
 *   <li>{@code customer.subscription.deleted}: the membership ends.
 *   <li>{@code charge.refunded} (fully refunded): an unredeemed gift bought with it is revoked.
 * </ul>
 *
 * Everything else is acknowledged and ignored. Gift details come from the session's {@code
 * metadata} or from Payment Link custom fields, with keys {@code gift} ("true"), {@code
 * gift_recipient_email}, {@code gift_recipient_name}, {@code gift_message} and {@code
 * gift_delivery_date} (YYYY-MM-DD); custom field keys are matched without underscores. A paid gift
 * whose recipient address is missing or not valid is recorded as waiting for a corrected one (the
 * buyer is asked for it), never dropped. The personal message is plain text: control characters
 * other than line breaks are removed and it is cut at {@value #MAX_MESSAGE} characters (Stripe's
 * own limit for a metadata value): the buyer has paid, so refusing the event would lose the gift,
 * while Stripe's checkout already keeps longer text from reaching us.
 */
public final class StripeEventProcessor {

    static final String DEFAULT_PLAN = "member";
    private static final int MAX_ID = 255;
    private static final int MAX_PLAN = 32;
    private static final int MAX_NAME = 100;
    static final int MAX_MESSAGE = 500;

    /** Control characters other than a line break, removed from gift messages. */
    private static final Pattern CONTROL_BUT_NEWLINE = Pattern.compile("[\\p{Cc}&&[^\\n]]");

    private final MembershipService memberships;

    public StripeEventProcessor(MembershipService memberships) {
        this.memberships = memberships;
    }

    /** The fields every event has; an event without them is rejected. */
    public record EventHeader(String id, String type, Instant created, JsonNode object) {}

    /**
     * Reads id, type, created and data.object; empty when the event is not shaped like a Stripe
     * event.
     */
    public static Optional<EventHeader> header(JsonNode event) {
        String id = text(event, "id").orElse("");
        String type = text(event, "type").orElse("");
        JsonNode object = event.path("data").path("object");
        if (!isId(id) || type.isEmpty() || type.length() > 100 || !object.isObject()) {
            return Optional.empty();
        }
        Instant created =
                event.path("created").canConvertToLong()
                        ? Instant.ofEpochSecond(event.path("created").asLong())
                        : Instant.EPOCH;
        return Optional.of(new EventHeader(id, type, created, object));
    }

    public Outcome process(EventHeader event) {
        JsonNode object = event.object();
        return switch (event.type()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
                    checkout(event, object);
            case "invoice.paid" -> invoicePaid(event, object);
            case "customer.subscription.updated" -> subscriptionUpdated(event, object);
            case "customer.subscription.deleted" -> {
                Optional<String> subscription =
                        text(object, "id").filter(StripeEventProcessor::isId);
                yield subscription.isEmpty()
                        ? memberships.ignore(event.id())
                        : memberships.end(
                                event.id(),
                                subscription.get(),
                                epoch(object, "ended_at").orElse(event.created()));
            }
            case "charge.refunded" -> {
                Optional<String> payment = id(object.path("payment_intent"));
                boolean fully = object.path("refunded").asBoolean(false);
                yield payment.isPresent() && fully
                        ? memberships.refund(event.id(), payment.get())
                        : memberships.ignore(event.id());
            }
            default -> memberships.ignore(event.id());
        };
    }

    private Outcome checkout(EventHeader event, JsonNode session) {
        if (!"paid".equals(text(session, "payment_status").orElse(""))) {
            // Delayed methods (bank debits) complete unpaid; async_payment_succeeded follows.
            return memberships.ignore(event.id());
        }
        Instant at = epoch(session, "created").orElse(event.created());
        Optional<EmailAddress> email =
                text(session.path("customer_details"), "email")
                        .or(() -> text(session, "customer_email"))
                        .flatMap(EmailAddress::parse);
        String mode = text(session, "mode").orElse("");
        if (mode.equals("subscription")) {
            Optional<String> subscription = id(session.path("subscription"));
            if (subscription.isEmpty()) {
                return memberships.ignore(event.id());
            }
            String plan = plan(session.path("metadata"));
            return email.map(
                            address ->
                                    memberships.startOrRenew(
                                            event.id(), subscription.get(), plan, address, at))
                    .orElseGet(
                            () ->
                                    memberships.startOrRenew(
                                            event.id(), subscription.get(), plan, at));
        }
        if (mode.equals("payment") && isGift(session)) {
            Optional<String> payment = id(session.path("payment_intent"));
            Optional<EmailAddress> recipient =
                    giftField(session, "gift_recipient_email").flatMap(EmailAddress::parse);
            if (payment.isEmpty()) {
                return memberships.ignore(event.id());
            }
            GiftPurchase.Builder purchase =
                    recipient.isPresent()
                            ? GiftPurchase.builder(payment.get(), recipient.get().value(), at)
                            : GiftPurchase.withoutRecipient(payment.get(), at);
            email.ifPresent(buyer -> purchase.buyerEmail(buyer.value()));
            giftField(session, "gift_recipient_name")
                    .map(n -> limit(n, MAX_NAME))
                    .ifPresent(purchase::recipientName);
            giftField(session, "gift_message")
                    .map(StripeEventProcessor::plainMessage)
                    .filter(m -> !m.isBlank())
                    .ifPresent(purchase::message);
            giftField(session, "gift_delivery_date")
                    .flatMap(StripeEventProcessor::date)
                    .ifPresent(purchase::deliverOn);
            return memberships.recordGift(event.id(), purchase.build());
        }
        return memberships.ignore(event.id());
    }

    private Outcome subscriptionUpdated(EventHeader event, JsonNode subscription) {
        Optional<String> id = text(subscription, "id").filter(StripeEventProcessor::isId);
        if (id.isEmpty()) {
            return memberships.ignore(event.id());
        }
        return switch (text(subscription, "status").orElse("")) {
            case "unpaid", "canceled", "paused", "incomplete_expired" ->
                    memberships.end(event.id(), id.get(), event.created());
            case "active" -> {
                JsonNode metadata = subscription.path("metadata");
                String plan =
                        metadata.isObject() && metadata.has("plan")
                                ? plan(metadata)
                                : interval(subscription.path("items"));
                yield memberships.startOrRenew(event.id(), id.get(), plan, event.created());
            }
            default -> memberships.ignore(event.id());
        };
    }

    private Outcome invoicePaid(EventHeader event, JsonNode invoice) {
        if (invoice.path("amount_paid").isNumber() && invoice.path("amount_paid").asLong() <= 0) {
            // A trial's (or a fully discounted) invoice: nobody has paid yet.
            return memberships.ignore(event.id());
        }
        Optional<String> subscription =
                id(invoice.path("subscription"))
                        .or(
                                () ->
                                        id(
                                                invoice.path("parent")
                                                        .path("subscription_details")
                                                        .path("subscription")));
        if (subscription.isEmpty()) {
            return memberships.ignore(event.id());
        }
        JsonNode metadata = invoice.path("parent").path("subscription_details").path("metadata");
        String plan =
                metadata.isObject() && metadata.has("plan")
                        ? plan(metadata)
                        : interval(invoice.path("lines"));
        Optional<EmailAddress> email = text(invoice, "customer_email").flatMap(EmailAddress::parse);
        Instant at = epoch(invoice, "created").orElse(event.created());
        return email.map(
                        address ->
                                memberships.startOrRenew(
                                        event.id(), subscription.get(), plan, address, at))
                .orElseGet(
                        () -> memberships.startOrRenew(event.id(), subscription.get(), plan, at));
    }

    /**
     * The plan from the first line's price interval, of an invoice's lines or a subscription's
     * items.
     */
    private static String interval(JsonNode list) {
        JsonNode line = list.path("data").path(0);
        String interval =
                line.path("price")
                        .path("recurring")
                        .path("interval")
                        .asText(line.path("plan").path("interval").asText(""));
        return switch (interval) {
            case "month" -> "monthly";
            case "year" -> "yearly";
            default -> DEFAULT_PLAN;
        };
    }

    private static String plan(JsonNode metadata) {
        return text(metadata, "plan")
                .map(p -> p.toLowerCase(Locale.ROOT))
                .filter(StripeEventProcessor::isPlan)
                .orElse(DEFAULT_PLAN);
    }

    private static boolean isGift(JsonNode session) {
        String flag = giftField(session, "gift").orElse("").toLowerCase(Locale.ROOT);
        return flag.equals("true")
                || flag.equals("yes")
                || flag.equals("1")
                || giftField(session, "gift_recipient_email").isPresent();
    }

    /** A gift detail from the session's metadata, else from a Payment Link custom field. */
    private static Optional<String> giftField(JsonNode session, String key) {
        Optional<String> fromMetadata = text(session.path("metadata"), key);
        if (fromMetadata.isPresent()) {
            return fromMetadata;
        }
        String compact = key.replace("_", "");
        for (JsonNode field : session.path("custom_fields")) {
            if (compact.equals(
                    field.path("key").asText("").toLowerCase(Locale.ROOT).replace("_", ""))) {
                JsonNode value = field.path(field.path("type").asText("text")).path("value");
                if (value.isTextual() && !value.asText().isBlank()) {
                    return Optional.of(value.asText().trim());
                }
            }
        }
        return Optional.empty();
    }

    /** An id given as a string, or as an expanded object with an id. */
    private static Optional<String> id(JsonNode node) {
        String value = node.isTextual() ? node.asText() : node.path("id").asText("");
        return isId(value) ? Optional.of(value) : Optional.empty();
    }

    /**
     * A Stripe object id: 1 to {@value #MAX_ID} ASCII letters, digits and underscores. Checked by
     * hand rather than with a regular expression: it runs several times per event.
     */
    static boolean isId(String value) {
        int length = value.length();
        if (length < 1 || length > MAX_ID) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A plan name: 1 to {@value #MAX_PLAN} lower-case ASCII letters, digits, {@code _} or {@code
     * -}.
     */
    static boolean isPlan(String value) {
        int length = value.length();
        if (length < 1 || length > MAX_PLAN) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText().trim())
                : Optional.empty();
    }

    private static Optional<Instant> epoch(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.canConvertToLong() && value.isNumber()
                ? Optional.of(Instant.ofEpochSecond(value.asLong()))
                : Optional.empty();
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String limit(String text, int max) {
        return text.codePointCount(0, text.length()) <= max
                ? text
                : text.substring(0, text.offsetByCodePoints(0, max));
    }

    /**
     * The message as plain text: Windows line breaks made {@code \n}, other control characters
     * removed, at most {@value #MAX_MESSAGE} characters (a character outside the basic plane is
     * never split).
     */
    static String plainMessage(String message) {
        String plain =
                message.replace("\r\n", "\n")
                        .replace('\r', '\n')
                        .transform(m -> CONTROL_BUT_NEWLINE.matcher(m).replaceAll(""))
                        .strip();
        return limit(plain, MAX_MESSAGE);
    }
}

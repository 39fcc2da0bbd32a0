package org.newsroom.memberships.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.newsroom.core.email.EmailAddress;
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
 *   <li>{@code invoice.paid}: a renewal keeps the membership active (and starts it when the invoice
 *       arrives before the checkout event, as Stripe allows).
 *   <li>{@code customer.subscription.deleted}: the membership ends.
 *   <li>{@code charge.refunded} (fully refunded): an unredeemed gift bought with it is revoked.
 * </ul>
 *
 * Everything else is acknowledged and ignored. Gift details come from the session's {@code
 * metadata} or from Payment Link custom fields, with keys {@code gift} ("true"), {@code
 * gift_recipient_email}, {@code gift_recipient_name}, {@code gift_message} and {@code
 * gift_delivery_date} (YYYY-MM-DD); custom field keys are matched without underscores.
 */
public final class StripeEventProcessor {

    static final String DEFAULT_PLAN = "member";
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_]{1,255}$");
    private static final int MAX_NAME = 100;
    private static final int MAX_MESSAGE = 500;

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
        if (!ID.matcher(id).matches()
                || type.isEmpty()
                || type.length() > 100
                || !object.isObject()) {
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
            case "customer.subscription.deleted" -> {
                Optional<String> subscription =
                        text(object, "id").filter(s -> ID.matcher(s).matches());
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
            if (payment.isEmpty() || recipient.isEmpty()) {
                return memberships.ignore(event.id());
            }
            GiftPurchase.Builder purchase =
                    GiftPurchase.builder(payment.get(), recipient.get().value(), at);
            email.ifPresent(buyer -> purchase.buyerEmail(buyer.value()));
            giftField(session, "gift_recipient_name")
                    .map(n -> limit(n, MAX_NAME))
                    .ifPresent(purchase::recipientName);
            giftField(session, "gift_message")
                    .map(m -> limit(m, MAX_MESSAGE))
                    .ifPresent(purchase::message);
            giftField(session, "gift_delivery_date")
                    .flatMap(StripeEventProcessor::date)
                    .ifPresent(purchase::deliverOn);
            return memberships.recordGift(event.id(), purchase.build());
        }
        return memberships.ignore(event.id());
    }

    private Outcome invoicePaid(EventHeader event, JsonNode invoice) {
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
                metadata.isObject() && metadata.has("plan") ? plan(metadata) : interval(invoice);
        Optional<EmailAddress> email = text(invoice, "customer_email").flatMap(EmailAddress::parse);
        Instant at = epoch(invoice, "created").orElse(event.created());
        return email.map(
                        address ->
                                memberships.startOrRenew(
                                        event.id(), subscription.get(), plan, address, at))
                .orElseGet(
                        () -> memberships.startOrRenew(event.id(), subscription.get(), plan, at));
    }

    private static String interval(JsonNode invoice) {
        JsonNode line = invoice.path("lines").path("data").path(0);
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
                .filter(p -> p.matches("[a-z0-9_-]{1,32}"))
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
        return ID.matcher(value).matches() ? Optional.of(value) : Optional.empty();
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
        return text.length() <= max ? text : text.substring(0, max);
    }
}

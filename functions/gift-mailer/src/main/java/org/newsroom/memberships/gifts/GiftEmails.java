package org.newsroom.memberships.gifts;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.newsroom.core.template.Templates;
import org.newsroom.mail.Email;
import org.newsroom.memberships.Gift;

/**
 * Renders the gift emails from the {@code recipient.*} and {@code receipt.*} Mustache templates,
 * each with a plain-text and an HTML part. Everything a buyer typed (names, the personal message)
 * is escaped in the HTML part, and kept out of subjects and headers except a name stripped of line
 * breaks, so a message cannot inject markup or headers. The receipt never contains the code: that
 * goes only to the recipient.
 */
public final class GiftEmails {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final String from;
    private final String publication;
    private final String redeemUrl;

    /**
     * @param from the From header
     * @param publication the newsroom's name as readers know it
     * @param redeemUrl the page where a recipient enters the code
     */
    public GiftEmails(String from, String publication, String redeemUrl) {
        this.from = Objects.requireNonNull(from, "from");
        this.publication = Objects.requireNonNull(publication, "publication");
        this.redeemUrl = Objects.requireNonNull(redeemUrl, "redeemUrl");
    }

    /** The recipient's email, with the code. */
    public Email recipient(Gift gift, String code) {
        String to =
                gift.recipientEmail()
                        .orElseThrow(
                                () -> new IllegalArgumentException("The gift has no recipient"));
        String message = gift.message().orElse("");
        Map<String, Object> model = new HashMap<>();
        model.put("greeting", gift.recipientName().map(n -> "Hello " + n + ",").orElse("Hello,"));
        model.put("publication", publication);
        model.put("hasMessage", gift.message().isPresent());
        model.put("message", message);
        model.put("messageLines", lines(message));
        model.put("code", code);
        model.put("redeemUrl", redeemUrl);
        model.put(
                "until",
                gift.expiresAt().map(i -> DAY.format(i.atZone(ZoneOffset.UTC))).orElse(""));
        return Email.of(
                from,
                to,
                "A gift membership of " + oneLine(publication) + " for you",
                Templates.render(GiftEmails.class, "recipient.text.mustache", model),
                Templates.render(GiftEmails.class, "recipient.html.mustache", model));
    }

    /** The buyer's receipt note. It never contains the code: that goes only to the recipient. */
    public Email receipt(Gift gift) {
        String to =
                gift.buyerEmail()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "The gift has no buyer address"));
        Map<String, Object> model =
                Map.of(
                        "publication", publication,
                        "recipient", gift.recipientName().orElse("your recipient"),
                        "when", gift.deliverOn().map(d -> "on " + DAY.format(d)).orElse("now"));
        return Email.of(
                from,
                to,
                "Your gift membership of " + oneLine(publication),
                Templates.render(GiftEmails.class, "receipt.text.mustache", model),
                Templates.render(GiftEmails.class, "receipt.html.mustache", model));
    }

    /** The message's lines, which the HTML part separates with line breaks (each line escaped). */
    private static List<String> lines(String message) {
        return Arrays.asList(message.split("\n", -1));
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").trim();
    }
}

package org.newsroom.memberships.gifts;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.newsroom.core.template.Templates;
import org.newsroom.mail.Email;
import org.newsroom.memberships.Gift;

/**
 * Renders the gift emails from the {@code recipient.*} and {@code receipt.*} Mustache templates,
 * each with a plain-text and an HTML part. Everything a buyer typed (names, the personal message)
 * is escaped in the HTML part, and kept out of subjects and headers except a name stripped of line
 * breaks, so a message cannot inject markup or headers. The personal message is plain text: in the
 * HTML part an invisible zero-width space follows every {@code .}, {@code :} and {@code @}, so mail
 * clients that turn addresses and URLs in text into links find none, and a message cannot carry a
 * clickable link under the newsroom's name. The receipt never contains the code: that goes only to
 * the recipient.
 */
public final class GiftEmails {

    /** Breaks what a link detector looks for, invisibly. */
    private static final String ZERO_WIDTH_SPACE = "\u200B";

    /** The months as {@link #day} names them. */
    private static final String[] MONTHS = {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December"
    };

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
        model.put("messageLines", lines(unlinkable(message)));
        model.put("code", code);
        model.put("redeemUrl", redeemUrl);
        model.put(
                "until",
                gift.expiresAt().map(i -> day(LocalDate.ofInstant(i, ZoneOffset.UTC))).orElse(""));
        return render(
                to,
                "A gift membership of " + oneLine(publication) + " for you",
                "recipient",
                model);
    }

    /** The buyer's receipt note. It never contains the code: that goes only to the recipient. */
    public Email receipt(Gift gift) {
        Map<String, Object> model =
                Map.of(
                        "publication", publication,
                        "recipient", gift.recipientName().orElse("your recipient"),
                        "when", gift.deliverOn().map(d -> "on " + day(d)).orElse("now"));
        return render(
                buyer(gift), "Your gift membership of " + oneLine(publication), "receipt", model);
    }

    /**
     * The buyer's email asking for a corrected recipient address, with the gift's id as the
     * reference to quote. It repeats neither address.
     */
    public Email addressRequest(Gift gift) {
        Map<String, Object> model =
                Map.of(
                        "publication", publication,
                        "recipient", gift.recipientName().orElse("your recipient"),
                        "reference", gift.id());
        return render(
                buyer(gift),
                "Your gift membership of " + oneLine(publication) + ": we need the address",
                "address-request",
                model);
    }

    /** The email to {@code to} from the {@code <template>.text} and {@code .html} templates. */
    private Email render(String to, String subject, String template, Map<String, Object> model) {
        return Email.of(
                from,
                to,
                subject,
                Templates.render(GiftEmails.class, template + ".text.mustache", model),
                Templates.render(GiftEmails.class, template + ".html.mustache", model));
    }

    private static String buyer(Gift gift) {
        return gift.buyerEmail()
                .orElseThrow(() -> new IllegalArgumentException("The gift has no buyer address"));
    }

    /**
     * The date as {@code DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)} writes it
     * ({@code 24 December 2026}), without the formatter: its month names come from the JDK's locale
     * data, which nothing else in the mailer loads, and loading it is a visible part of a cold
     * start. The year as the pattern has it: of the era, at least four digits, a plus sign past
     * 9999.
     */
    static String day(LocalDate date) {
        int year = date.getYear() > 0 ? date.getYear() : 1 - date.getYear();
        StringBuilder out = new StringBuilder(20);
        out.append(date.getDayOfMonth()).append(' ').append(MONTHS[date.getMonthValue() - 1]);
        out.append(' ');
        if (year > 9999) {
            out.append('+');
        }
        String digits = Integer.toString(year);
        for (int i = digits.length(); i < 4; i++) {
            out.append('0');
        }
        return out.append(digits).toString();
    }

    /** The text with a zero-width space after each character a link or address needs. */
    static String unlinkable(String text) {
        return text.replaceAll("([.:@])", "$1" + ZERO_WIDTH_SPACE);
    }

    /** The message's lines, which the HTML part separates with line breaks (each line escaped). */
    private static List<String> lines(String message) {
        return Arrays.asList(message.split("\n", -1));
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").trim();
    }
}

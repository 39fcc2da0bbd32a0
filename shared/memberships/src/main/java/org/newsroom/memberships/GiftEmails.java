package org.newsroom.memberships;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders the gift emails. Everything a buyer typed (names, the personal message) is escaped
 * for HTML, and kept out of subjects except a name stripped of line breaks, so a message
 * cannot inject markup or headers.
 */
public final class GiftEmails {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final String publication;
    private final String redeemUrl;

    /**
     * @param publication the newsroom's name as readers know it
     * @param redeemUrl   the page where a recipient enters the code
     */
    public GiftEmails(String publication, String redeemUrl) {
        this.publication = Objects.requireNonNull(publication, "publication");
        this.redeemUrl = Objects.requireNonNull(redeemUrl, "redeemUrl");
    }

    /** The recipient's email, with the code. */
    public Email recipient(Gift gift, String code) {
        String to = gift.recipientEmail().orElseThrow(() -> new IllegalArgumentException("The gift has no recipient"));
        String greeting = gift.recipientName().map(n -> "Hello " + n + ",").orElse("Hello,");
        String until = gift.expiresAt().map(i -> DAY.format(i.atZone(java.time.ZoneOffset.UTC))).orElse("");
        StringBuilder text = new StringBuilder()
                .append(greeting).append("\n\n")
                .append("Someone has given you a year's membership of ").append(publication).append(".\n\n");
        gift.message().ifPresent(m -> text.append("Their message:\n").append(m).append("\n\n"));
        text.append("Your gift code: ").append(code).append("\n")
                .append("Redeem it at ").append(redeemUrl).append(" before ").append(until).append(".\n");

        StringBuilder html = new StringBuilder()
                .append("<!doctype html><html><body style=\"font-family:Georgia,serif;line-height:1.5\">")
                .append("<p>").append(escape(greeting)).append("</p>")
                .append("<p>Someone has given you a year&#39;s membership of ").append(escape(publication)).append(".</p>");
        gift.message().ifPresent(m -> html.append("<blockquote style=\"border-left:3px solid #ccc;padding-left:1em\">")
                .append(escape(m).replace("\n", "<br>")).append("</blockquote>"));
        html.append("<p>Your gift code:</p><p style=\"font-size:1.4em;font-family:monospace\"><strong>")
                .append(escape(code)).append("</strong></p>")
                .append("<p><a href=\"").append(escape(redeemUrl)).append("\">Redeem your membership</a> before ")
                .append(escape(until)).append(".</p></body></html>");
        return new Email(to, "A gift membership of " + oneLine(publication) + " for you", html.toString(), text.toString());
    }

    /** The buyer's receipt note. It never contains the code: that goes only to the recipient. */
    public Email receipt(Gift gift) {
        String to = gift.buyerEmail().orElseThrow(() -> new IllegalArgumentException("The gift has no buyer address"));
        String recipient = gift.recipientName().orElse("your recipient");
        String when = gift.deliverOn().map(d -> "on " + DAY.format(d)).orElse("now");
        String text = "Thank you for giving a membership of " + publication + ".\n\n"
                + "We will email " + recipient + " their gift code " + when + ".\n"
                + "Your support keeps our journalism free to read.\n";
        String html = "<!doctype html><html><body style=\"font-family:Georgia,serif;line-height:1.5\">"
                + "<p>Thank you for giving a membership of " + escape(publication) + ".</p>"
                + "<p>We will email " + escape(recipient) + " their gift code " + escape(when) + ".</p>"
                + "<p>Your support keeps our journalism free to read.</p></body></html>";
        return new Email(to, "Your gift membership of " + oneLine(publication), html, text);
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").trim();
    }
}

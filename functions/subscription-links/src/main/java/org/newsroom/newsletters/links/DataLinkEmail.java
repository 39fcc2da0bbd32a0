package org.newsroom.newsletters.links;

import java.time.Duration;
import java.util.Map;
import org.newsroom.core.template.Templates;
import org.newsroom.subscriptions.LinkToken;

/**
 * The email that carries an erase or export link, which a reader asks for from the unsubscribe
 * page: subject, plain-text and HTML bodies from the {@code data-link.*.mustache} templates.
 */
record DataLinkEmail(String subject, String text, String html) {

    static DataLinkEmail render(
            String publisher, LinkToken.Purpose purpose, String url, Duration validFor) {
        boolean erase = purpose == LinkToken.Purpose.ERASE;
        String subject =
                erase
                        ? "Delete your data at " + publisher
                        : "Your copy of your data at " + publisher;
        Map<String, Object> model =
                Map.of(
                        "publisher",
                        publisher,
                        "subject",
                        subject,
                        "intro",
                        erase
                                ? "You asked us to delete everything we keep about this email address: your newsletter subscriptions and the record of your consent."
                                : "You asked for a copy of everything we keep about this email address: newsletter subscriptions with the record of your consent, memberships and gifts.",
                        "action",
                        erase ? "Delete all my data" : "Download my data",
                        "url",
                        url,
                        "validMinutes",
                        validFor.toMinutes());
        return new DataLinkEmail(
                subject,
                Templates.render(DataLinkEmail.class, "data-link.text.mustache", model),
                Templates.render(DataLinkEmail.class, "data-link.html.mustache", model));
    }
}

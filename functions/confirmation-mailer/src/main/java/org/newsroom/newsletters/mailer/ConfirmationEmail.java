package org.newsroom.newsletters.mailer;

import java.util.List;
import java.util.Map;
import org.newsroom.core.template.Templates;
import org.newsroom.subscriptions.Newsletter;

/**
 * The double opt-in email: subject, plain-text and HTML bodies rendered from the {@code
 * confirmation.*.mustache} templates, and the one-click unsubscribe URL that goes into the
 * List-Unsubscribe header as well as the visible footer link.
 */
public record ConfirmationEmail(String subject, String text, String html, String unsubscribeUrl) {

    public static ConfirmationEmail render(
            String publisher,
            List<Newsletter> newsletters,
            String confirmUrl,
            String unsubscribeUrl,
            long validHours) {
        List<Map<String, String>> items =
                newsletters.stream()
                        .map(
                                n ->
                                        Map.of(
                                                "name",
                                                n.name(),
                                                "description",
                                                n.description(),
                                                "cadence",
                                                n.cadence()))
                        .toList();
        Map<String, Object> model =
                Map.of(
                        "publisher", publisher,
                        "newsletters", items,
                        "several", newsletters.size() > 1,
                        "confirmUrl", confirmUrl,
                        "unsubscribeUrl", unsubscribeUrl,
                        "validHours", validHours);
        String subject =
                newsletters.size() == 1
                        ? "Please confirm your subscription to " + newsletters.get(0).name()
                        : "Please confirm your subscriptions to " + publisher + " newsletters";
        return new ConfirmationEmail(
                subject,
                Templates.render(ConfirmationEmail.class, "confirmation.text.mustache", model),
                Templates.render(ConfirmationEmail.class, "confirmation.html.mustache", model),
                unsubscribeUrl);
    }
}

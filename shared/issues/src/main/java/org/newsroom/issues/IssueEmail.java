package org.newsroom.issues;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.newsroom.core.template.Templates;
import org.newsroom.mail.Email;

/**
 * The email one reader gets for an issue, and the issue's public web page. The editor's HTML is
 * already sanitised when stored; it goes in unescaped, everything else is escaped.
 *
 * <p>Every email carries: the reader's own one-click unsubscribe link for this newsletter (RFC 8058
 * headers and a visible footer link), {@code List-Id}, the view-in-browser link and a text part.
 * The configuration set is the sender's business ({@code SesMailSender}).
 */
public final class IssueEmail {

    /** Marks a test copy's subject, so it is never mistaken for the real send. */
    public static final String TEST_PREFIX = "[TEST] ";

    private IssueEmail() {}

    /**
     * @param from the From header ({@code MailSettings.from()})
     * @param senderAddress the sender address; its domain names the list in {@code List-Id}
     * @param test a test copy: subject marked, otherwise identical
     */
    public static Email render(
            String from,
            String senderAddress,
            String publisher,
            Issue issue,
            IssueContent content,
            String to,
            String viewUrl,
            String unsubscribeUrl,
            boolean test) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("subject", content.subject());
        model.put("preheader", content.preheader());
        model.put("hasPreheader", !content.preheader().isBlank());
        model.put("html", content.html());
        model.put("text", content.text());
        model.put("publisher", publisher);
        model.put("newsletterName", issue.newsletterName());
        model.put("viewUrl", viewUrl);
        model.put("unsubscribeUrl", unsubscribeUrl);
        String subject = (test ? TEST_PREFIX : "") + content.subject();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Id", listId(issue, senderAddress));
        return new Email(
                        from,
                        to,
                        subject,
                        Templates.render(IssueEmail.class, "issue.text.mustache", model),
                        Templates.render(IssueEmail.class, "issue.html.mustache", model),
                        headers)
                .withOneClickUnsubscribe(unsubscribeUrl);
    }

    /** The issue as a public web page: no reader, no links personal to anyone. */
    public static String webPage(String publisher, Issue issue, IssueContent content) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("subject", content.subject());
        model.put("html", content.html());
        model.put("publisher", publisher);
        model.put("newsletterName", issue.newsletterName());
        return Templates.render(IssueEmail.class, "web.html.mustache", model);
    }

    /** RFC 2919: {@code "Name" <newsletter-id.newsletters.example.org>}, ASCII only. */
    static String listId(Issue issue, String senderAddress) {
        String domain =
                senderAddress.substring(senderAddress.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        String name =
                issue.newsletterName()
                        .replaceAll("[^\\x20-\\x7E]", "")
                        .replace("\"", "")
                        .replace("\\", "")
                        .trim();
        String id = issue.newsletter() + ".newsletters." + domain;
        return name.isEmpty() ? "<" + id + ">" : "\"" + name + "\" <" + id + ">";
    }

    /** The public web version's path. */
    public static String webPath(String newsletter, String issueId) {
        // Appended by hand: a concatenation goes through method handles on every call at
        // the first compilation tier Lambda runs, and this runs on every issue answered.
        return new StringBuilder(30 + newsletter.length() + issueId.length())
                .append("/newsletters/")
                .append(newsletter)
                .append("/issues/")
                .append(issueId)
                .append("/web")
                .toString();
    }
}

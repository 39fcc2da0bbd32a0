package org.newsroom.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One email ready to send: sender and recipient, subject, a plain-text and an HTML body, and any
 * extra headers (List-Unsubscribe and the like), in the order they should appear.
 *
 * <p>{@link #toString()} never shows the recipient or the bodies: they are personal data.
 */
public record Email(
        String from,
        String to,
        String subject,
        String text,
        String html,
        Map<String, String> headers) {

    public Email {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        headers =
                Collections.unmodifiableMap(
                        new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
    }

    /** An email without extra headers. */
    public static Email of(String from, String to, String subject, String text, String html) {
        return new Email(from, to, subject, text, html, Map.of());
    }

    /**
     * The same email with RFC 2369 and RFC 8058 one-click unsubscribe headers: mail providers show
     * an unsubscribe button and POST {@code List-Unsubscribe=One-Click} to {@code url}.
     */
    public Email withOneClickUnsubscribe(String url) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put("List-Unsubscribe", "<" + url + ">");
        more.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new Email(from, to, subject, text, html, more);
    }

    @Override
    public String toString() {
        return "Email[subject=" + subject + ", to=redacted]";
    }
}

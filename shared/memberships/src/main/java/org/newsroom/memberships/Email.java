package org.newsroom.memberships;

import java.util.Objects;

/** One email ready to send: the address, subject, and its HTML and plain-text bodies. */
public record Email(String to, String subject, String html, String text) {

    public Email {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
    }
}

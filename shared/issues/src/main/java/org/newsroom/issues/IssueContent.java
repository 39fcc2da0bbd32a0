package org.newsroom.issues;

import java.util.Objects;

/**
 * What readers get: subject, an optional preheader (the preview line mail apps show), the sanitised
 * email HTML and its plain-text part.
 */
public record IssueContent(String subject, String preheader, String html, String text) {

    public IssueContent {
        Objects.requireNonNull(subject, "subject");
        preheader = preheader == null ? "" : preheader;
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
    }
}

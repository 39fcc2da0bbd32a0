package org.newsroom.issues;

import java.util.Locale;

/** Where an issue stands. Only drafts and scheduled issues can be edited. */
public enum IssueStatus {
    /** Written, not yet sent; editable. */
    DRAFT,
    /** Sending was requested for a later time; still editable until it starts. */
    SCHEDULED,
    /** Recipients are being read and emails sent; no longer editable. */
    SENDING,
    /** Every recipient has an outcome (sent, failed, suppressed or skipped). */
    SENT;

    /** Written once: it goes into every summary answered and every issue stored. */
    private final String code = name().toLowerCase(Locale.ROOT);

    /** The status as stored and answered: its name in lower case. */
    public String code() {
        return code;
    }

    public static IssueStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public boolean editable() {
        return this == DRAFT || this == SCHEDULED;
    }

    /** Sending has started: the web version is public and the content is frozen. */
    public boolean started() {
        return this == SENDING || this == SENT;
    }
}

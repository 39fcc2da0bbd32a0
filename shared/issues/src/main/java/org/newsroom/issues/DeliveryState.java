package org.newsroom.issues;

import java.util.Locale;

/** The ledger entry of one (issue, recipient): written before the email goes out. */
public enum DeliveryState {
    /** Claimed by a sender that is handing the email to SES right now (or crashed doing so). */
    SENDING,
    SENT,
    /** SES refused it, or every attempt failed, or a sender crashed with the outcome unknown. */
    FAILED,
    /** The address bounced or complained before its turn. */
    SUPPRESSED,
    /** The reader unsubscribed (or is no longer confirmed) before their turn. */
    SKIPPED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public boolean terminal() {
        return this != SENDING;
    }
}

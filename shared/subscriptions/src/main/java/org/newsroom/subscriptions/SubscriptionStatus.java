package org.newsroom.subscriptions;

import java.util.Locale;

/** Where one (address, newsletter) subscription stands. */
public enum SubscriptionStatus {
    /** Signed up, waiting for the reader to click the confirmation link. */
    PENDING,
    /** Double opt-in done: receives the newsletter. */
    CONFIRMED,
    /** The reader left; kept as evidence, never mailed. */
    UNSUBSCRIBED,
    /** Bounced permanently or complained: never mailed again. */
    SUPPRESSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriptionStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}

package org.newsroom.subscriptions;

import java.time.Instant;
import java.util.List;

/**
 * What a verified link token says: its purpose, the address id, the newsletters and when it was
 * issued.
 */
public record LinkToken(
        Purpose purpose, String addressId, List<String> newsletters, Instant issuedAt) {

    public LinkToken {
        newsletters = List.copyOf(newsletters);
    }

    /**
     * What a token may be used for; a token verifies for its own purpose only. {@code ERASE} and
     * {@code EXPORT} links are emailed on request and live {@link LinkTokens#SHORT_TTL}; an
     * unsubscribe link (which sits in every email's headers) can only unsubscribe.
     */
    public enum Purpose {
        CONFIRM("c"),
        UNSUBSCRIBE("u"),
        ERASE("e"),
        EXPORT("x");

        private final String code;

        Purpose(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }

        static Purpose fromCode(String code) {
            for (Purpose p : values()) {
                if (p.code.equals(code)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown purpose");
        }
    }
}

package org.newsroom.subscriptions;

import java.time.Instant;

/**
 * Evidence of how a signup was made: {@code source} is {@code form} or {@code api}, {@code page}
 * the page that sent it (Referer or Origin, when known), and the time. No IP address is kept.
 */
public record Consent(String source, String page, Instant at) {

    public static final int MAX_PAGE_LENGTH = 512;

    public Consent {
        page =
                page == null
                        ? ""
                        : page.length() > MAX_PAGE_LENGTH
                                ? page.substring(0, MAX_PAGE_LENGTH)
                                : page;
    }
}

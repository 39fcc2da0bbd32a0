package org.newsroom.subscriptions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps the catalogue in memory for a short time: it changes rarely and is read on every signup, so
 * a warm container reads the table at most once per {@code ttl}.
 */
public final class CachedNewsletterCatalogue implements NewsletterCatalogue {

    private final NewsletterCatalogue source;
    private final Clock clock;
    private final Duration ttl;
    private volatile List<Newsletter> cached;
    private volatile Instant loadedAt = Instant.MIN;

    public CachedNewsletterCatalogue(NewsletterCatalogue source, Clock clock, Duration ttl) {
        this.source = source;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public List<Newsletter> all() {
        Instant now = clock.instant();
        List<Newsletter> current = cached;
        if (current == null || !now.isBefore(loadedAt.plus(ttl))) {
            current = source.all();
            cached = current;
            loadedAt = now;
        }
        return current;
    }
}

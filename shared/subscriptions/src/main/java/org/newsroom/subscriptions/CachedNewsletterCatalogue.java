package org.newsroom.subscriptions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the catalogue in memory for a short time: it changes rarely and is read on every signup, so
 * a warm container reads the table at most once per {@code ttl}. {@link #find} looks an id up in an
 * index built with each read of the table, and goes stale with it.
 */
public final class CachedNewsletterCatalogue implements NewsletterCatalogue {

    private final NewsletterCatalogue source;
    private final Clock clock;
    private final Duration ttl;
    private volatile Loaded loaded;

    /** One read of the table, its index by id and when it expires: replaced whole, never mixed. */
    private record Loaded(List<Newsletter> all, Map<String, Newsletter> byId, Instant expires) {}

    public CachedNewsletterCatalogue(NewsletterCatalogue source, Clock clock, Duration ttl) {
        this.source = source;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public List<Newsletter> all() {
        return current().all();
    }

    /**
     * The same answer as the interface's search of {@link #all}: the first newsletter with the id.
     */
    @Override
    public Optional<Newsletter> find(String id) {
        return Optional.ofNullable(current().byId().get(id));
    }

    private Loaded current() {
        Instant now = clock.instant();
        Loaded current = loaded;
        if (current == null || !now.isBefore(current.expires())) {
            List<Newsletter> all = source.all();
            Map<String, Newsletter> byId = new HashMap<>();
            for (Newsletter newsletter : all) {
                byId.putIfAbsent(newsletter.id(), newsletter);
            }
            current = new Loaded(all, byId, now.plus(ttl));
            loaded = current;
        }
        return current;
    }
}

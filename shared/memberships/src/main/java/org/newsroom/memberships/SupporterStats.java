package org.newsroom.memberships;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The live numbers behind the membership banner, cached in the container for {@code ttl} so that
 * any number of page views costs at most one read (counters and campaign together) per container
 * per TTL. A TTL of zero reads every time (the local stack uses that so changes show at once).
 */
public final class SupporterStats {

    /** The supporter count and, when a campaign is stored, its new members so far. */
    public record Snapshot(long supporters, Optional<Campaign> campaign, long campaignNewMembers) {}

    private final SupporterCounters counters;
    private final Duration ttl;
    private final Clock clock;
    private Snapshot cached;
    private Instant cachedAt;

    public SupporterStats(SupporterCounters counters, Duration ttl, Clock clock) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public synchronized Snapshot current() {
        Instant now = clock.instant();
        if (cached != null && !ttl.isZero() && now.isBefore(cachedAt.plus(ttl))) {
            return cached;
        }
        SupporterCounters.Reading reading = counters.read();
        Optional<Campaign> campaign = reading.campaign();
        cached =
                new Snapshot(
                        reading.total(CounterDelta.SUPPORTERS),
                        campaign,
                        campaign.map(c -> reading.total(c.counterName())).orElse(0L));
        cachedAt = now;
        return cached;
    }
}

package org.newsroom.memberships;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The live numbers behind the membership banner, cached in the container for {@code ttl} so that
 * any number of page views costs at most one counter read per container per TTL. A TTL of zero
 * reads every time (the local stack uses that so changes show at once).
 */
public final class SupporterStats {

    /** The supporter count and, when a campaign is configured, its new members so far. */
    public record Snapshot(long supporters, Counting counting, long campaignNewMembers) {

        /** The campaign the new members count for, if one is configured. */
        public Optional<Campaign> campaign() {
            return counting.campaign();
        }
    }

    private final SupporterCounters counters;
    private final Counting counting;
    private final Duration ttl;
    private final Clock clock;
    private Snapshot cached;
    private Instant cachedAt;

    public SupporterStats(
            SupporterCounters counters, Counting counting, Duration ttl, Clock clock) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.counting = Objects.requireNonNull(counting, "counting");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public synchronized Snapshot current() {
        Instant now = clock.instant();
        if (cached != null && !ttl.isZero() && now.isBefore(cachedAt.plus(ttl))) {
            return cached;
        }
        Optional<Campaign> campaign = counting.campaign();
        Map<String, Long> counts = counters.read(counting.counterNames());
        // A sum below zero could only come from hand-edited shards; never show one.
        long supporters = Math.max(0, counts.getOrDefault(CounterDelta.SUPPORTERS, 0L));
        long newMembers =
                campaign.map(c -> Math.max(0, counts.getOrDefault(c.counterName(), 0L))).orElse(0L);
        cached = new Snapshot(supporters, counting, newMembers);
        cachedAt = now;
        return cached;
    }
}

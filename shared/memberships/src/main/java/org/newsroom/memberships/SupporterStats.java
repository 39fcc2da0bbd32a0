package org.newsroom.memberships;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The live numbers behind the membership banner, cached in the container for {@code ttl} so
 * that any number of page views costs at most one counter read per container per TTL. A TTL
 * of zero reads every time (the local stack uses that so changes show at once).
 */
public final class SupporterStats {

    /** The supporter count and, when a campaign is configured, its new members so far. */
    public record Snapshot(long supporters, Optional<Campaign> campaign, long campaignNewMembers) {
    }

    private final MembershipRepository repository;
    private final Optional<Campaign> campaign;
    private final Duration ttl;
    private final Clock clock;
    private Snapshot cached;
    private Instant cachedAt;

    public SupporterStats(MembershipRepository repository, Optional<Campaign> campaign, Duration ttl, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.campaign = Objects.requireNonNull(campaign, "campaign");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public synchronized Snapshot current() {
        Instant now = clock.instant();
        if (cached != null && !ttl.isZero() && now.isBefore(cachedAt.plus(ttl))) {
            return cached;
        }
        List<String> names = new ArrayList<>();
        names.add(CounterDelta.SUPPORTERS);
        campaign.ifPresent(c -> names.add(c.counterName()));
        Map<String, Long> counts = repository.readCounters(names);
        // A sum below zero could only come from hand-edited shards; never show one.
        long supporters = Math.max(0, counts.getOrDefault(CounterDelta.SUPPORTERS, 0L));
        long newMembers = campaign.map(c -> Math.max(0, counts.getOrDefault(c.counterName(), 0L))).orElse(0L);
        cached = new Snapshot(supporters, campaign, newMembers);
        cachedAt = now;
        return cached;
    }
}

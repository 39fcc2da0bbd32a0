package org.newsroom.memberships;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a new membership counts for: always the supporters, and the current campaign's new members
 * when the membership starts inside its window. The writers (webhook, gift redemption, import) and
 * the stats reader agree on the counter names through {@link Campaign#counterName()}.
 *
 * <p>The campaign lives in the memberships table ({@link CampaignStore}); a writer keeps what it
 * read for a short time, so a campaign put or changed there counts everywhere within that time.
 */
public final class Counting {

    private static final Counting SUPPORTERS_ONLY = new Counting(Optional::empty);

    private final Supplier<Optional<Campaign>> campaign;

    private Counting(Supplier<Optional<Campaign>> campaign) {
        this.campaign = campaign;
    }

    /** Supporters only: no campaign is running. */
    public static Counting supportersOnly() {
        return SUPPORTERS_ONLY;
    }

    /** Supporters, and {@code campaign}'s new members, whatever the table says. */
    public static Counting withCampaign(Campaign campaign) {
        Optional<Campaign> fixed = Optional.of(Objects.requireNonNull(campaign, "campaign"));
        return new Counting(() -> fixed);
    }

    /**
     * Supporters, and the new members of the campaign {@code store} holds, re-read at most once per
     * {@code ttl} (zero: at every membership).
     */
    public static Counting fromStore(CampaignStore store, Duration ttl, Clock clock) {
        return new Counting(new CachedCampaign(store, ttl, clock));
    }

    /** The campaign memberships starting now count for, if any. */
    public Optional<Campaign> campaign() {
        return campaign.get();
    }

    /** +1 supporter, and +1 new member of the campaign when the start falls inside its window. */
    public CounterDelta started(Instant startedAt) {
        Optional<Campaign> current = campaign();
        if (current.isEmpty() || !current.get().contains(startedAt)) {
            return NEW_SUPPORTER;
        }
        // The same delta for every start the campaign counts, so the table can reuse its writes
        // (MembershipTable); made again when the campaign read is not equal to the last one.
        // The campaign is compared by identity first: the cached campaign is one object until it is
        // read again, and a record's equals is slow in code not compiled to the top level.
        Campaign campaign = current.get();
        CampaignStart last = lastCampaignStart;
        if (last == null || last.campaign() != campaign) {
            CounterDelta delta;
            if (last != null && last.campaign().equals(campaign)) {
                delta = last.delta();
            } else {
                Map<String, Long> changes = new LinkedHashMap<>();
                changes.put(CounterDelta.SUPPORTERS, 1L);
                changes.put(campaign.counterName(), 1L);
                delta = new CounterDelta(changes);
            }
            last = new CampaignStart(campaign, delta);
            lastCampaignStart = last;
        }
        return last.delta();
    }

    private static final CounterDelta NEW_SUPPORTER =
            new CounterDelta(Map.of(CounterDelta.SUPPORTERS, 1L));

    private record CampaignStart(Campaign campaign, CounterDelta delta) {}

    private volatile CampaignStart lastCampaignStart;

    /** The stored campaign, kept in the container for {@code ttl}. */
    private static final class CachedCampaign implements Supplier<Optional<Campaign>> {

        private final CampaignStore store;
        private final Duration ttl;
        private final Clock clock;
        private Optional<Campaign> cached;
        private Instant readAt;

        CachedCampaign(CampaignStore store, Duration ttl, Clock clock) {
            this.store = Objects.requireNonNull(store, "store");
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        @Override
        public synchronized Optional<Campaign> get() {
            Instant now = clock.instant();
            if (cached == null || ttl.isZero() || !now.isBefore(readAt.plus(ttl))) {
                cached = store.find();
                readAt = now;
            }
            return cached;
        }
    }
}

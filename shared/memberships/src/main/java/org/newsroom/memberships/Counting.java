package org.newsroom.memberships;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.newsroom.core.config.Config;

/**
 * What a new membership counts for: always the supporters, and the campaign's new members when one
 * is configured and the membership starts inside its window. The writers and the stats reader share
 * one, so they agree on the counter names.
 */
public final class Counting {

    private static final Counting SUPPORTERS_ONLY = new Counting(null);

    private final Campaign campaign;

    private Counting(Campaign campaign) {
        this.campaign = campaign;
    }

    /** Supporters only: no campaign is running. */
    public static Counting supportersOnly() {
        return SUPPORTERS_ONLY;
    }

    /** Supporters, and {@code campaign}'s new members. */
    public static Counting withCampaign(Campaign campaign) {
        return new Counting(Objects.requireNonNull(campaign, "campaign"));
    }

    /** From the {@code CAMPAIGN_*} settings (see {@link Campaign#fromConfig}). */
    public static Counting from(Config config) {
        return Campaign.fromConfig(config).map(Counting::withCampaign).orElse(SUPPORTERS_ONLY);
    }

    public Optional<Campaign> campaign() {
        return Optional.ofNullable(campaign);
    }

    /** +1 supporter, and +1 new member of the campaign when the start falls inside its window. */
    public CounterDelta started(Instant startedAt) {
        Map<String, Long> changes = new LinkedHashMap<>();
        changes.put(CounterDelta.SUPPORTERS, 1L);
        if (campaign != null && campaign.contains(startedAt)) {
            changes.put(campaign.counterName(), 1L);
        }
        return new CounterDelta(changes);
    }

    /** The counters the membership banner shows. */
    public List<String> counterNames() {
        return campaign == null
                ? List.of(CounterDelta.SUPPORTERS)
                : List.of(CounterDelta.SUPPORTERS, campaign.counterName());
    }
}

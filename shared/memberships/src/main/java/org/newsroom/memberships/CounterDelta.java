package org.newsroom.memberships;

import java.util.LinkedHashMap;
import java.util.Map;

/** Changes to named counters made in the same transaction as a membership change. */
public record CounterDelta(Map<String, Long> changes) {

    public static final String SUPPORTERS = "supporters";

    public CounterDelta {
        Map<String, Long> copy = new LinkedHashMap<>();
        changes.forEach((name, delta) -> {
            if (delta != 0) {
                copy.put(name, delta);
            }
        });
        changes = java.util.Collections.unmodifiableMap(copy);
    }

    public static CounterDelta none() {
        return new CounterDelta(Map.of());
    }

    /** +1 supporter, and +1 new member of the campaign when the start falls inside its window. */
    public static CounterDelta started(java.time.Instant startedAt, java.util.Optional<Campaign> campaign) {
        Map<String, Long> changes = new LinkedHashMap<>();
        changes.put(SUPPORTERS, 1L);
        campaign.filter(c -> c.contains(startedAt)).ifPresent(c -> changes.put(c.counterName(), 1L));
        return new CounterDelta(changes);
    }

    /** −1 supporter. Campaigns count members who joined, so an end does not change them. */
    public static CounterDelta ended() {
        return new CounterDelta(Map.of(SUPPORTERS, -1L));
    }
}

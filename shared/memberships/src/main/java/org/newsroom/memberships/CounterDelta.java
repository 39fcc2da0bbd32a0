package org.newsroom.memberships;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Changes to named counters made in the same transaction as a membership change. */
public record CounterDelta(Map<String, Long> changes) {

    public static final String SUPPORTERS = "supporters";

    public CounterDelta {
        Map<String, Long> copy = new LinkedHashMap<>();
        changes.forEach(
                (name, delta) -> {
                    if (delta != 0) {
                        copy.put(name, delta);
                    }
                });
        changes = Collections.unmodifiableMap(copy);
    }

    public static CounterDelta none() {
        return new CounterDelta(Map.of());
    }

    /**
     * +1 supporter: a membership that had ended is active again. It joined before, so no campaign
     * counts it again.
     */
    public static CounterDelta restarted() {
        return RESTARTED;
    }

    // One instance each, so the table recognises the change it counted last by identity.
    private static final CounterDelta RESTARTED = new CounterDelta(Map.of(SUPPORTERS, 1L));

    private static final CounterDelta ENDED = new CounterDelta(Map.of(SUPPORTERS, -1L));

    /** −1 supporter. Campaigns count members who joined, so an end does not change them. */
    public static CounterDelta ended() {
        return ENDED;
    }
}

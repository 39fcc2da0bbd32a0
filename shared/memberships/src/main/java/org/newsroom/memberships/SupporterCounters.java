package org.newsroom.memberships;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads what the membership banner shows: the exact counters and the current campaign. */
public interface SupporterCounters {

    /**
     * Every counter (each the sum of all its shards) and the campaign, read together in one request
     * to the store.
     */
    Reading read();

    /** Counter totals by name, and the campaign stored at the time of the read. */
    record Reading(Map<String, Long> totals, Optional<Campaign> campaign) {

        public Reading {
            totals = Map.copyOf(Objects.requireNonNull(totals, "totals"));
            Objects.requireNonNull(campaign, "campaign");
        }

        /**
         * A counter's total; 0 when never written. Never below zero: a negative sum could only come
         * from hand-edited shards.
         */
        public long total(String counter) {
            return Math.max(0, totals.getOrDefault(counter, 0L));
        }
    }
}

package org.newsroom.memberships;

import java.util.Collection;
import java.util.Map;

/** Reads the exact counters that membership changes keep. */
public interface SupporterCounters {

    /**
     * Current values of the named counters: each the sum of all its shards; 0 when never written.
     */
    Map<String, Long> read(Collection<String> names);
}

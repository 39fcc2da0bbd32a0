package org.newsroom.memberships.stats;

import java.util.Map;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of membership-stats (see {@link Priming}): the stats request (the counters read
 * once; the container's cache of them expires on its own ttl, long before a restored copy could
 * serve it stale for longer than a warm one would) and the plans.
 */
final class MembershipStatsPriming {

    private MembershipStatsPriming() {}

    /** Registers the priming of {@code handler}. */
    static void register(MembershipStatsHandler handler) {
        Priming.register(
                "membership-stats",
                () -> {
                    Priming.http(
                            handler,
                            "GET /memberships/stats",
                            "/memberships/stats",
                            Map.of(),
                            null);
                    Priming.http(
                            handler,
                            "GET /memberships/plans",
                            "/memberships/plans",
                            Map.of(),
                            null);
                });
    }
}

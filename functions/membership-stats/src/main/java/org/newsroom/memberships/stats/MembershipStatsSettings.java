package org.newsroom.memberships.stats;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.newsroom.core.config.Config;
import org.newsroom.memberships.MembershipTableSettings;

/**
 * Everything the membership stats function reads from its environment, checked once at start-up so
 * a misconfigured deployment fails its cold start with the setting's name.
 *
 * <p>The campaign is not a setting: it is an item of the memberships table, read with the counts.
 *
 * @param cacheTtl how long a container reuses the counts and the campaign ({@code
 *     STATS_CACHE_SECONDS}, default 10)
 * @param maxAge the stats' {@code max-age} ({@code STATS_MAX_AGE_SECONDS}, default 30)
 * @param staleWhileRevalidate the stats' {@code stale-while-revalidate} ({@code
 *     STATS_STALE_SECONDS}, default 300)
 * @param plans the monthly, yearly and gift payment links ({@code PLAN_*_URL}, all required)
 */
public record MembershipStatsSettings(
        MembershipTableSettings table,
        Duration cacheTtl,
        Duration maxAge,
        Duration staleWhileRevalidate,
        List<MembershipStatsHandler.Plan> plans) {

    public static MembershipStatsSettings from(Config config) {
        return new MembershipStatsSettings(
                MembershipTableSettings.from(config),
                config.getSeconds("STATS_CACHE_SECONDS", Duration.ofSeconds(10)),
                config.getSeconds("STATS_MAX_AGE_SECONDS", Duration.ofSeconds(30)),
                config.getSeconds("STATS_STALE_SECONDS", Duration.ofSeconds(300)),
                List.of(
                        plan(
                                "monthly",
                                "Monthly membership",
                                config.requireUrl("PLAN_MONTHLY_URL")),
                        plan("yearly", "Yearly membership", config.requireUrl("PLAN_YEARLY_URL")),
                        plan("gift", "Gift a membership", config.requireUrl("PLAN_GIFT_URL"))));
    }

    private static MembershipStatsHandler.Plan plan(String id, String label, URI url) {
        return new MembershipStatsHandler.Plan(id, label, url);
    }
}

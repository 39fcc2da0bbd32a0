package org.newsroom.memberships.stats;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.log.Log;
import org.newsroom.memberships.DynamoDbSupporterCounters;
import org.newsroom.memberships.MembershipTable;
import org.newsroom.memberships.SupporterStats;

/**
 * The stats handler's collaborators as deployed, in the order its test constructor takes them.
 * Built once per container, from the settings, so the handler itself never sees an SDK client.
 */
record MembershipStatsDependencies(
        SupporterStats stats,
        List<MembershipStatsHandler.Plan> plans,
        Duration maxAge,
        Duration staleWhileRevalidate,
        Log log) {

    static MembershipStatsDependencies create(MembershipStatsSettings settings) {
        Clock clock = Clock.systemUTC();
        return new MembershipStatsDependencies(
                new SupporterStats(
                        new DynamoDbSupporterCounters(
                                MembershipTable.create(
                                        AwsClients.dynamoDb(), settings.table(), clock)),
                        settings.cacheTtl(),
                        clock),
                settings.plans(),
                settings.maxAge(),
                settings.staleWhileRevalidate(),
                new Log("membership-stats"));
    }
}

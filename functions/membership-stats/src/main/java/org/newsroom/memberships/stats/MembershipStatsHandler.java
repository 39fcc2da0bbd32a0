package org.newsroom.memberships.stats;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.Etags;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.core.log.Log;
import org.newsroom.core.priming.ClassPreload;
import org.newsroom.memberships.Campaign;
import org.newsroom.memberships.SupporterStats;

/**
 * The membership banner's data. {@code GET /memberships/stats} gives the exact supporter count and
 * the progress of the campaign stored in the memberships table ({@code campaign: null} when there
 * is none; counts and campaign come from one read); {@code GET /memberships/plans} gives the
 * payment links of the monthly, yearly and gift memberships. Both are public and cacheable (strong
 * ETag, 304); counts and campaign are also cached in the container for {@code STATS_CACHE_SECONDS}.
 */
public final class MembershipStatsHandler extends ApiHandler {

    static {
        // Before anything else: the classes of a cold start load on a second thread from here on.
        ClassPreload.start(MembershipStatsHandler.class);
    }

    /** One payment link the website's buttons point at. */
    public record Plan(String id, String label, URI url) {}

    private final SupporterStats stats;
    private final String plansJson;
    private final String statsCacheControl;
    private final String plansCacheControl;

    /** Used by Lambda. */
    public MembershipStatsHandler() {
        this(System.getenv());
        MembershipStatsPriming.register(this);
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public MembershipStatsHandler(Map<String, String> environment) {
        this(
                MembershipStatsDependencies.create(
                        MembershipStatsSettings.from(Config.from(environment))));
    }

    private MembershipStatsHandler(MembershipStatsDependencies deployed) {
        this(
                deployed.stats(),
                deployed.plans(),
                deployed.maxAge(),
                deployed.staleWhileRevalidate(),
                deployed.log());
    }

    /** For tests: every collaborator given. */
    public MembershipStatsHandler(
            SupporterStats stats,
            List<Plan> plans,
            Duration maxAge,
            Duration staleWhileRevalidate,
            Log log) {
        super(log);
        this.stats = stats;
        this.statsCacheControl =
                "public, max-age="
                        + maxAge.toSeconds()
                        + ", stale-while-revalidate="
                        + staleWhileRevalidate.toSeconds();
        // Plans change only with a deployment: let caches keep them ten times longer.
        this.plansCacheControl =
                "public, max-age="
                        + maxAge.toSeconds() * 10
                        + ", stale-while-revalidate="
                        + staleWhileRevalidate.toSeconds();
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        plans.forEach(
                plan ->
                        items.addObject()
                                .put("id", plan.id())
                                .put("label", plan.label())
                                .put("url", plan.url().toString()));
        this.plansJson = body.toString();
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return switch (request.routeKey()) {
            case "GET /memberships/stats" ->
                    Etags.cacheableJson(request, statsJson(), statsCacheControl);
            case "GET /memberships/plans" ->
                    Etags.cacheableJson(request, plansJson, plansCacheControl);
            default ->
                    throw new ProblemException(
                            Problem.notFound("There is nothing at this address."));
        };
    }

    private String statsJson() {
        SupporterStats.Snapshot snapshot = stats.current();
        ObjectNode body = Json.object();
        body.put("supporters", snapshot.supporters());
        if (snapshot.campaign().isPresent()) {
            Campaign campaign = snapshot.campaign().get();
            body.putObject("campaign")
                    .put("id", campaign.id())
                    .put("title", campaign.title())
                    .put("goal", campaign.goal())
                    .put("newMembers", snapshot.campaignNewMembers())
                    .put("startsAt", campaign.startsAt().toString())
                    .put("endsAt", campaign.endsAt().toString());
        } else {
            body.putNull("campaign");
        }
        return body.toString();
    }
}

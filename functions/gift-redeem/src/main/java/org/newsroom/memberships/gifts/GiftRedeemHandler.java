package org.newsroom.memberships.gifts;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.JsonText;
import org.newsroom.core.limits.ClientKeys;
import org.newsroom.core.limits.RateLimiter;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.priming.ClassPreload;
import org.newsroom.core.time.Timestamps;
import org.newsroom.memberships.GiftRedemption;
import org.newsroom.memberships.Member;

/**
 * {@code POST /gifts/redeem} with JSON {@code {"code", "email"}}: 200 {@code
 * {"status":"active","plan":"gift","startedAt"}} for the one redemption that wins; 404 for an
 * unknown code, 409 when it was already redeemed, 410 when it expired or was refunded, 400 for
 * invalid fields, 429 after too many attempts from one address in the window (guessing is hopeless
 * anyway: codes carry 100 random bits).
 */
public final class GiftRedeemHandler extends ApiHandler {

    static {
        // Before anything else: the classes of a cold start load on a second thread from here on.
        ClassPreload.start(GiftRedeemHandler.class);
    }

    static final int BODY_LIMIT_BYTES = 4 * 1024;

    /** The headers of a redeemed gift's answer (JSON, not stored by caches), made once. */
    private static final Map<String, String> REDEEMED_HEADERS =
            HttpResponse.json(200, "{}").withHeader("cache-control", "no-store").headers();

    private final GiftRedemption redemption;
    private final RateLimiter attempts;
    private final ClientKeys clientKeys;
    private final Clock clock;
    private final Metrics metrics;

    /** Used by Lambda. */
    public GiftRedeemHandler() {
        this(System.getenv());
        GiftRedeemPriming.register(this, System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public GiftRedeemHandler(Map<String, String> environment) {
        this(GiftRedeemDependencies.create(GiftRedeemSettings.from(Config.from(environment))));
    }

    private GiftRedeemHandler(GiftRedeemDependencies deployed) {
        this(
                deployed.redemption(),
                deployed.attempts(),
                deployed.clientKeys(),
                deployed.clock(),
                deployed.log(),
                deployed.metrics());
    }

    /** For tests: every collaborator given. */
    public GiftRedeemHandler(
            GiftRedemption redemption,
            RateLimiter attempts,
            ClientKeys clientKeys,
            Clock clock,
            Log log,
            Metrics metrics) {
        super(log);
        this.redemption = redemption;
        this.attempts = attempts;
        this.clientKeys = clientKeys;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        if (!request.routeKey().equals("POST /gifts/redeem")) {
            throw new ProblemException(Problem.notFound("There is nothing at this address."));
        }
        if (!request.mediaType().equals("application/json")) {
            throw new ProblemException(Problem.unsupportedMediaType("application/json"));
        }
        String body = request.bodyText(BODY_LIMIT_BYTES);
        // Every attempt counts, a malformed one too. The address is personal data: only its keyed
        // digest is a key.
        if (!attempts.allow(clientKeys.key(request.sourceIp()), clock.instant())) {
            throw new ProblemException(Problem.tooManyRequests());
        }
        RedeemRequest redeem = RedeemRequest.parse(body);
        Member member;
        try {
            member = redemption.redeem(redeem.code(), redeem.email());
        } catch (GiftRedemption.RedemptionException e) {
            log().info(
                            "gift not redeemed",
                            Map.of("reason", e.failure().name(), "requestId", request.requestId()));
            throw new ProblemException(problem(e.failure()));
        }
        log().info(
                        "gift redeemed",
                        Map.of("membership", member.id(), "requestId", request.requestId()));
        metrics.count("GiftsRedeemed");
        return new HttpResponse(200, REDEEMED_HEADERS, List.of(), redeemed(member));
    }

    /**
     * {@code {"status":"active","plan":...,"startedAt":...}}, written straight into one buffer: the
     * same text the JSON tree writes, without building one per redemption.
     */
    static String redeemed(Member member) {
        StringBuilder body = new StringBuilder(80).append("{\"status\":\"active\",\"plan\":");
        JsonText.appendString(body, member.plan()).append(",\"startedAt\":");
        return JsonText.appendString(body, Timestamps.format(member.startedAt().orElseThrow()))
                .append('}')
                .toString();
    }

    private static Problem problem(GiftRedemption.Failure failure) {
        return switch (failure) {
            case UNKNOWN ->
                    Problem.of(
                            "gift-not-found",
                            "Unknown gift code",
                            404,
                            "This gift code is not valid. Check it against the code in your email.");
            case ALREADY_REDEEMED ->
                    Problem.of(
                            "gift-already-redeemed",
                            "Gift already redeemed",
                            409,
                            "This gift code has already been used.");
            case EXPIRED ->
                    Problem.of(
                            "gift-expired",
                            "Gift expired",
                            410,
                            "This gift code has expired: gifts can be redeemed for twelve months.");
            case REFUNDED ->
                    Problem.of(
                            "gift-refunded",
                            "Gift cancelled",
                            410,
                            "This gift was cancelled and refunded, so its code no longer works.");
        };
    }
}

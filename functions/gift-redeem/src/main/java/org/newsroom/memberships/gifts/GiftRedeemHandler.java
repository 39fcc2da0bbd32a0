package org.newsroom.memberships.gifts;

import org.newsroom.core.crypto.Digests;
import com.fasterxml.jackson.databind.JsonNode;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.FieldError;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Log;
import org.newsroom.memberships.Campaign;
import org.newsroom.memberships.DynamoDbMembershipRepository;
import org.newsroom.memberships.GiftRedemption;
import org.newsroom.memberships.Member;
import org.newsroom.memberships.MembershipRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /gifts/redeem} with JSON {@code {"code", "email"}}: 200
 * {@code {"status":"active","plan":"gift","startedAt"}} for the one redemption that wins;
 * 404 for an unknown code, 409 when it was already redeemed, 410 when it expired or was
 * refunded, 400 for invalid fields, 429 after too many attempts from one address in the
 * window (guessing is hopeless anyway: codes carry 100 random bits).
 */
public final class GiftRedeemHandler extends ApiHandler {

    static final int BODY_LIMIT_BYTES = 4 * 1024;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,;<>\"]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}$");

    private final GiftRedemption redemption;
    private final MembershipRepository attempts;
    private final int attemptsPerWindow;
    private final Duration window;
    private final Clock clock;

    /** Used by Lambda. */
    public GiftRedeemHandler() {
        this(System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public GiftRedeemHandler(Map<String, String> environment) {
        this(checked(Config.from(environment)), Clock.systemUTC());
    }

    private GiftRedeemHandler(Config config, Clock clock) {
        this(new DynamoDbMembershipRepository(AwsClients.dynamoDb(),
                        config.require("MEMBERSHIPS_TABLE"), config.getInt("COUNTER_SHARDS", 10, 1, 50), clock),
                Campaign.fromConfig(config), config.getInt("REDEEM_ATTEMPTS_PER_HOUR", 10, 1, 100_000),
                Duration.ofHours(1), clock, new Log("gift-redeem"));
    }

    /** Reads every setting before any client is built, so a misconfiguration fails the cold start by name. */
    private static Config checked(Config config) {
        for (String name : new String[] {"MEMBERSHIPS_TABLE"}) {
            config.require(name);
        }
        org.newsroom.memberships.Campaign.fromConfig(config);
        return config;
    }

    /** For tests: every collaborator given. */
    public GiftRedeemHandler(MembershipRepository repository, java.util.Optional<Campaign> campaign, int attemptsPerWindow,
                             Duration window, Clock clock, Log log) {
        super(log);
        this.redemption = new GiftRedemption(repository, campaign, clock);
        this.attempts = repository;
        this.attemptsPerWindow = attemptsPerWindow;
        this.window = window;
        this.clock = clock;
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
        limitAttempts(request);
        JsonNode json = Json.parse(body);
        String code = json.path("code").isTextual() ? json.path("code").asText().trim() : "";
        String email = json.path("email").isTextual() ? json.path("email").asText().trim() : "";
        List<FieldError> errors = new ArrayList<>();
        if (code.isEmpty() || code.length() > 64) {
            errors.add(new FieldError("code", "Please enter the gift code from your email"));
        }
        if (!EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "Please enter a correct email address"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
        Member member;
        try {
            member = redemption.redeem(code, email);
        } catch (GiftRedemption.RedemptionException e) {
            log().info("gift not redeemed", Map.of("reason", e.failure().name(), "requestId", request.requestId()));
            throw new ProblemException(problem(e.failure()));
        }
        log().info("gift redeemed", Map.of("membership", member.id(), "requestId", request.requestId()));
        return HttpResponse.json(200, Json.object()
                        .put("status", "active")
                        .put("plan", member.plan())
                        .put("startedAt", member.startedAt().orElseThrow().toString())
                        .toString())
                .withHeader("cache-control", "no-store");
    }

    private void limitAttempts(HttpRequest request) {
        Instant now = clock.instant();
        long windowStart = now.getEpochSecond() / window.toSeconds() * window.toSeconds();
        // The address is personal data: only a hash of it goes into the key.
        String key = "redeem#" + Digests.sha256Hex(request.sourceIp().orElse("unknown")) + "#" + windowStart;
        if (attempts.countAttempt(key, Instant.ofEpochSecond(windowStart).plus(window)) > attemptsPerWindow) {
            throw new ProblemException(Problem.tooManyRequests());
        }
    }

    private static Problem problem(GiftRedemption.Failure failure) {
        return switch (failure) {
            case UNKNOWN -> Problem.of("gift-not-found", "Unknown gift code", 404,
                    "This gift code is not valid. Check it against the code in your email.");
            case ALREADY_REDEEMED -> Problem.of("gift-already-redeemed", "Gift already redeemed", 409,
                    "This gift code has already been used.");
            case EXPIRED -> Problem.of("gift-expired", "Gift expired", 410,
                    "This gift code has expired: gifts can be redeemed for twelve months.");
            case REFUNDED -> Problem.of("gift-refunded", "Gift cancelled", 410,
                    "This gift was cancelled and refunded, so its code no longer works.");
        };
    }
}

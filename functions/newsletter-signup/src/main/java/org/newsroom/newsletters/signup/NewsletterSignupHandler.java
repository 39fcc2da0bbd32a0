package org.newsroom.newsletters.signup;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.Etags;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.priming.ClassPreload;
import org.newsroom.subscriptions.Consent;
import org.newsroom.subscriptions.NewsletterCatalogue;

/**
 * {@code GET /newsletters} (the catalogue, cacheable) and {@code POST /subscriptions} (double
 * opt-in signup from JSON clients and plain HTML forms).
 *
 * <p>Every valid signup gets the same answer (202 JSON, or 303 to the thank-you page for a form)
 * whatever the address's state, so the endpoint cannot be used to learn who subscribes. Bad input
 * gets a 400 problem+json with field messages (a form gets a 303 back to its page with {@code
 * ?signup_error=<code>#signup}); nothing is written and nothing is sent.
 */
public final class NewsletterSignupHandler extends ApiHandler {

    static {
        // Before anything else: the classes of a cold start load on a second thread from here on.
        ClassPreload.start(NewsletterSignupHandler.class);
    }

    private final NewsletterCatalogue catalogue;
    private final SignupValidator validator;
    private final SignupService signups;
    private final ClientRateLimit rateLimit;
    private final TurnstileVerifier turnstile;
    private final SignupRedirects redirects;
    private final SignupReplies replies;
    private final String cacheControl;
    private final Clock clock;
    private final Metrics metrics;

    /** Used by Lambda. */
    public NewsletterSignupHandler() {
        this(System.getenv());
        NewsletterSignupPriming.register(this);
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public NewsletterSignupHandler(Map<String, String> environment) {
        this(
                NewsletterSignupDependencies.create(
                        NewsletterSignupSettings.from(Config.from(environment))));
    }

    private NewsletterSignupHandler(NewsletterSignupDependencies deployed) {
        this(
                deployed.catalogue(),
                deployed.signups(),
                deployed.rateLimit(),
                deployed.turnstile(),
                deployed.settings(),
                deployed.clock(),
                deployed.log(),
                deployed.metrics());
    }

    /** For tests: every collaborator given. */
    public NewsletterSignupHandler(
            NewsletterCatalogue catalogue,
            SignupService signups,
            ClientRateLimit rateLimit,
            TurnstileVerifier turnstile,
            NewsletterSignupSettings settings,
            Clock clock,
            Log log,
            Metrics metrics) {
        super(log);
        this.catalogue = catalogue;
        this.validator = new SignupValidator(catalogue, settings.blockedDomains());
        this.signups = signups;
        this.rateLimit = rateLimit;
        this.turnstile = turnstile;
        this.redirects = SignupRedirects.from(settings);
        this.replies = new SignupReplies(redirects);
        this.cacheControl = settings.catalogueCacheControl();
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return switch (request.routeKey()) {
            case "GET /newsletters" ->
                    Etags.cacheableJson(
                            request, CatalogueJson.render(catalogue.all()), cacheControl);
            case "POST /subscriptions" -> subscribe(request);
            default ->
                    throw new ProblemException(
                            Problem.notFound("There is nothing at this address."));
        };
    }

    private HttpResponse subscribe(HttpRequest request) {
        if (redirects.isForeignFormPost(request)) {
            refusedMetric("origin");
            throw new ProblemException(SignupReplies.FOREIGN_ORIGIN);
        }
        SignupRequest signup;
        try {
            signup = SignupRequest.parse(request);
        } catch (RuntimeException e) {
            refusedMetric("invalid");
            throw e;
        }
        if (signup.isBot()) {
            log().info("signup ignored", Map.of("reason", "honeypot"));
            refusedMetric("honeypot");
            return replies.accepted(signup);
        }
        SignupValidator.Result checked = validator.check(signup);
        if (checked instanceof SignupValidator.Invalid invalid) {
            refusedMetric(invalid.reason());
            return replies.refused(request, signup, invalid);
        }
        SignupValidator.Valid valid = (SignupValidator.Valid) checked;
        if (!turnstile.verify(signup.turnstileToken(), request.sourceIp())) {
            refusedMetric(SignupValidator.TURNSTILE_FAILED.reason());
            return replies.refused(request, signup, SignupValidator.TURNSTILE_FAILED);
        }
        Instant now = clock.instant();
        if (!rateLimit.allow(request.sourceIp(), now)) {
            refusedMetric("rate-limited");
            throw new ProblemException(Problem.tooManyRequests());
        }
        Consent consent = new Consent(signup.source(), redirects.consentPage(request), now);
        SignupService.Outcome outcome =
                signups.subscribe(valid.address(), valid.newsletters(), consent, now);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
        fields.put("newsletters", valid.newsletters().size());
        fields.put("source", consent.source());
        log().info("signup", fields);
        metrics.count("SignupsAccepted");
        return replies.accepted(signup);
    }

    private void refusedMetric(String reason) {
        metrics.count("SignupsRefused", "Reason", reason);
    }
}

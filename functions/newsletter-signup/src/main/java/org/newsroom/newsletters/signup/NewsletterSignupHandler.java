package org.newsroom.newsletters.signup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.Etags;
import org.newsroom.core.http.FieldError;
import org.newsroom.core.http.FormData;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Log;
import org.newsroom.subscriptions.CachedNewsletterCatalogue;
import org.newsroom.subscriptions.Consent;
import org.newsroom.subscriptions.DynamoDbLimits;
import org.newsroom.subscriptions.DynamoDbNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.NewsletterCatalogue;
import org.newsroom.subscriptions.RateLimiter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /newsletters} (the catalogue, cacheable) and {@code POST /subscriptions} (double
 * opt-in signup from JSON clients and plain HTML forms).
 *
 * <p>Every valid signup gets the same answer (202 JSON, or 303 to the thank-you page for a
 * form) whatever the address's state, so the endpoint cannot be used to learn who subscribes.
 * Bad input gets a 400 problem+json with field messages (a form gets a 303 back to its page
 * with {@code ?signup_error=<code>#signup}); nothing is written and nothing is sent.
 */
public final class NewsletterSignupHandler extends ApiHandler {

    static final String EMAIL_MESSAGE = "Please enter a correct email address";
    static final String ACCEPTED_JSON = "{\"status\":\"pending\",\"message\":\"Check your inbox to confirm your subscription.\"}";
    static final int BODY_LIMIT = 16 * 1024;
    static final int MAX_NEWSLETTERS = 20;

    /** Settings that shape the HTTP behaviour. */
    public record Settings(URI thankYouUrl, URI signupPageUrl, List<String> allowedOrigins, List<String> blockedDomains,
                           Duration cacheMaxAge, Duration cacheStale) {
    }

    private final NewsletterCatalogue catalogue;
    private final SignupService signups;
    private final RateLimiter rateLimiter;
    private final Optional<TurnstileVerifier> turnstile;
    private final Settings settings;
    private final Clock clock;

    /** Used by Lambda. */
    public NewsletterSignupHandler() {
        this(System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public NewsletterSignupHandler(Map<String, String> environment) {
        this(Config.from(environment), AwsClients.dynamoDb());
    }

    private NewsletterSignupHandler(Config config, DynamoDbClient dynamo) {
        this(config, dynamo, limits(config, dynamo));
    }

    private NewsletterSignupHandler(Config config, DynamoDbClient dynamo, DynamoDbLimits limits) {
        this(new CachedNewsletterCatalogue(new DynamoDbNewsletterCatalogue(dynamo, config.require("NEWSLETTERS_TABLE")),
                        Clock.systemUTC(), config.getSeconds("CATALOGUE_CACHE_SECONDS", Duration.ofSeconds(60))),
                new SignupService(new DynamoDbSubscriptionRepository(dynamo, config.require("SUBSCRIPTIONS_TABLE")),
                        limits,
                        config.getSeconds("UNCONFIRMED_TTL_SECONDS", Duration.ofDays(7))),
                limits,
                config.optional("TURNSTILE_SECRET").map(HttpTurnstileVerifier::new),
                new Settings(config.requireUrl("THANK_YOU_URL"), config.requireUrl("SIGNUP_PAGE_URL"),
                        config.getList("ALLOWED_ORIGINS"), config.getList("BLOCKED_DOMAINS"),
                        config.getSeconds("CACHE_MAX_AGE_SECONDS", Duration.ofSeconds(60)),
                        config.getSeconds("CACHE_STALE_SECONDS", Duration.ofSeconds(300))),
                Clock.systemUTC(),
                new Log("newsletter-signup"));
    }

    private static DynamoDbLimits limits(Config config, DynamoDbClient dynamo) {
        return new DynamoDbLimits(dynamo, config.require("LIMITS_TABLE"),
                config.getInt("SIGNUP_RATE_LIMIT", 10, 1, 1_000_000),
                config.getSeconds("SIGNUP_RATE_WINDOW_SECONDS", Duration.ofMinutes(10)),
                config.getSeconds("CONFIRM_MIN_INTERVAL_SECONDS", Duration.ofMinutes(10)),
                config.getInt("CONFIRM_MAX_PER_DAY", 3, 0, 100));
    }

    /** For tests: every collaborator given. */
    public NewsletterSignupHandler(NewsletterCatalogue catalogue, SignupService signups, RateLimiter rateLimiter,
                                   Optional<TurnstileVerifier> turnstile, Settings settings, Clock clock, Log log) {
        super(log);
        this.catalogue = catalogue;
        this.signups = signups;
        this.rateLimiter = rateLimiter;
        this.turnstile = turnstile;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return switch (request.routeKey()) {
            case "GET /newsletters" -> catalogue(request);
            case "POST /subscriptions" -> subscribe(request);
            default -> throw new ProblemException(Problem.notFound("There is nothing at this address."));
        };
    }

    private HttpResponse catalogue(HttpRequest request) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (Newsletter n : catalogue.all()) {
            items.addObject()
                    .put("id", n.id())
                    .put("name", n.name())
                    .put("description", n.description())
                    .put("cadence", n.cadence())
                    .put("default", n.isDefault());
        }
        String cacheControl = "public, max-age=" + settings.cacheMaxAge().toSeconds()
                + ", stale-while-revalidate=" + settings.cacheStale().toSeconds();
        return Etags.cacheableJson(request, body.toString(), cacheControl);
    }

    /** One signup as submitted, before validation. */
    private record Submission(boolean form, String email, List<String> newsletters, boolean newslettersMalformed,
                              String honeypot, String turnstileToken) {
    }

    private HttpResponse subscribe(HttpRequest request) {
        Submission submission = parse(request);
        if (!submission.honeypot().isEmpty()) {
            // A bot filled the invisible field: answer exactly as for a person, do nothing.
            log().info("signup ignored", Map.of("reason", "honeypot"));
            return accepted(submission);
        }
        Optional<EmailAddress> address = EmailAddress.parse(submission.email());
        List<FieldError> errors = new ArrayList<>();
        String formCode = null;
        if (address.isEmpty()) {
            errors.add(new FieldError("email", EMAIL_MESSAGE));
            formCode = "invalid_email";
        } else if (settings.blockedDomains().stream().anyMatch(address.get()::isInDomain)) {
            errors.add(new FieldError("email", "Please use a different email address"));
            formCode = "blocked_domain";
        }
        List<String> newsletters = resolveNewsletters(submission, errors);
        if (formCode == null && !errors.isEmpty()) {
            formCode = "unknown_newsletter";
        }
        if (!errors.isEmpty()) {
            return invalid(request, submission, errors, formCode);
        }
        if (turnstile.isPresent() && !turnstile.get().verify(submission.turnstileToken(), request.sourceIp())) {
            return invalid(request, submission,
                    List.of(new FieldError("turnstileToken", "Please complete the verification and try again")),
                    "turnstile");
        }
        Instant now = clock.instant();
        String client = request.sourceIp().orElse("unknown");
        if (!rateLimiter.allow(DynamoDbLimits.digest(client), now)) {
            throw new ProblemException(Problem.tooManyRequests());
        }
        Consent consent = new Consent(submission.form() ? "form" : "api", consentPage(request), now);
        SignupService.Outcome outcome = signups.subscribe(address.get(), newsletters, consent, now);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
        fields.put("newsletters", newsletters.size());
        fields.put("source", consent.source());
        log().info("signup", fields);
        return accepted(submission);
    }

    private Submission parse(HttpRequest request) {
        String type = request.mediaType();
        if (type.equals("application/x-www-form-urlencoded")) {
            FormData form = FormData.parse(request.bodyText(BODY_LIMIT));
            return new Submission(true, form.first("email").orElse(""), form.all("newsletters"), false,
                    form.first("website").orElse("").trim(), form.first("cf-turnstile-response").orElse(""));
        }
        if (type.equals("application/json") || type.endsWith("+json")) {
            JsonNode body = Json.parse(request.bodyText(BODY_LIMIT));
            if (!body.isObject()) {
                throw new ProblemException(Problem.badRequest("The body must be a JSON object like {\"email\": \"reader@example.org\"}."));
            }
            JsonNode email = body.path("email");
            JsonNode list = body.get("newsletters");
            List<String> newsletters = new ArrayList<>();
            boolean malformed = false;
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    malformed = true;
                } else {
                    for (JsonNode item : list) {
                        if (!item.isTextual()) {
                            malformed = true;
                        } else {
                            newsletters.add(item.asText());
                        }
                    }
                }
            }
            JsonNode honeypot = body.path("website");
            return new Submission(false, email.isTextual() ? email.asText() : "", newsletters, malformed,
                    honeypot.isTextual() ? honeypot.asText().trim() : "",
                    body.path("turnstileToken").isTextual() ? body.path("turnstileToken").asText() : "");
        }
        throw new ProblemException(Problem.unsupportedMediaType("application/json or application/x-www-form-urlencoded"));
    }

    private List<String> resolveNewsletters(Submission submission, List<FieldError> errors) {
        if (submission.newslettersMalformed()) {
            errors.add(new FieldError("newsletters", "newsletters must be a list of newsletter ids"));
            return List.of();
        }
        Set<String> requested = new LinkedHashSet<>();
        submission.newsletters().forEach(n -> requested.add(n.trim()));
        requested.remove("");
        if (requested.size() > MAX_NEWSLETTERS) {
            errors.add(new FieldError("newsletters", "Please choose at most " + MAX_NEWSLETTERS + " newsletters"));
            return List.of();
        }
        if (requested.isEmpty()) {
            List<String> defaults = catalogue.defaults().stream().map(Newsletter::id).toList();
            if (defaults.isEmpty()) {
                errors.add(new FieldError("newsletters", "Please choose at least one newsletter"));
            }
            return defaults;
        }
        List<String> known = new ArrayList<>();
        for (String id : requested) {
            if (catalogue.find(id).isPresent()) {
                known.add(id);
            } else {
                errors.add(new FieldError("newsletters", "Please choose newsletters from the list"));
                return List.of();
            }
        }
        return known;
    }

    private HttpResponse accepted(Submission submission) {
        if (submission.form()) {
            return HttpResponse.seeOther(settings.thankYouUrl().toString()).withHeader("cache-control", "no-store");
        }
        return HttpResponse.of(202, HttpResponse.JSON, ACCEPTED_JSON).withHeader("cache-control", "no-store");
    }

    private HttpResponse invalid(HttpRequest request, Submission submission, List<FieldError> errors, String formCode) {
        if (!submission.form()) {
            throw new ProblemException(Problem.validation(errors));
        }
        return HttpResponse.seeOther(formPage(request) + "?signup_error=" + formCode + "#signup")
                .withHeader("cache-control", "no-store");
    }

    /** The page the form was on, when it is one of ours; otherwise the configured signup page. */
    private String formPage(HttpRequest request) {
        Optional<URI> referer = request.header("referer").flatMap(NewsletterSignupHandler::uri);
        if (referer.isPresent() && isAllowedOrigin(referer.get())) {
            URI r = referer.get();
            return r.getScheme() + "://" + r.getRawAuthority() + (r.getRawPath() == null || r.getRawPath().isEmpty() ? "/" : r.getRawPath());
        }
        URI page = settings.signupPageUrl();
        return page.getScheme() + "://" + page.getRawAuthority() + (page.getRawPath() == null || page.getRawPath().isEmpty() ? "/" : page.getRawPath());
    }

    private boolean isAllowedOrigin(URI uri) {
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return false;
        }
        String origin = (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
        URI signup = settings.signupPageUrl();
        String signupOrigin = (signup.getScheme() + "://" + signup.getRawAuthority()).toLowerCase(Locale.ROOT);
        return origin.equals(signupOrigin) || settings.allowedOrigins().stream().anyMatch(o -> o.equalsIgnoreCase(origin));
    }

    /** Consent evidence: the page without its query string (which may carry personal data). */
    private static String consentPage(HttpRequest request) {
        Optional<URI> page = request.header("referer").or(() -> request.header("origin")).flatMap(NewsletterSignupHandler::uri);
        return page.filter(u -> u.getScheme() != null && u.getRawAuthority() != null)
                .map(u -> u.getScheme() + "://" + u.getRawAuthority() + (u.getRawPath() == null ? "" : u.getRawPath()))
                .orElse("");
    }

    private static Optional<URI> uri(String text) {
        try {
            return Optional.of(new URI(text.trim()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}

package org.newsroom.newsletters.links;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.FormData;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Log;
import org.newsroom.subscriptions.CachedNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbSendCap;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.InvalidTokenException;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.NewsletterCatalogue;
import org.newsroom.subscriptions.TokenKeyRing;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The links in our emails.
 * <ul>
 *   <li>{@code GET /subscriptions/confirm?token=}: a page with a button; changes nothing, because
 *       mail scanners open links. {@code POST} confirms (idempotent) and shows a success page,
 *       or redirects to the configured confirmed page.</li>
 *   <li>{@code GET /unsubscribe?token=}: a page offering to unsubscribe from the email's
 *       newsletters, from all, or to delete every record of the address. {@code POST} acts at
 *       once; an RFC 8058 one-click post ({@code List-Unsubscribe=One-Click}, urlencoded or
 *       multipart) gets 200 with no redirect and no cookie.</li>
 * </ul>
 * A tampered, expired or garbled token gets a friendly 400 page (problem+json for JSON clients).
 */
public final class SubscriptionLinksHandler extends ApiHandler {

    static final int BODY_LIMIT = 16 * 1024;
    static final String CONFIRM_PATH = "/subscriptions/confirm";
    static final String UNSUBSCRIBE_PATH = "/unsubscribe";

    /** Where to send readers after confirming (empty: show our own page) and to sign up again. */
    public record Settings(String publisher, Optional<URI> confirmedUrl, URI signupPageUrl) {
    }

    private final SubscriptionLinks links;
    private final LinkTokens tokens;
    private final NewsletterCatalogue catalogue;
    private final Settings settings;
    private final Clock clock;

    /** Used by Lambda. */
    public SubscriptionLinksHandler() {
        this(System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public SubscriptionLinksHandler(Map<String, String> environment) {
        this(Config.from(environment), AwsClients.dynamoDb());
    }

    private SubscriptionLinksHandler(Config config, DynamoDbClient dynamo) {
        this(new SubscriptionLinks(new DynamoDbSubscriptionRepository(dynamo, config.require("SUBSCRIPTIONS_TABLE")),
                        new DynamoDbSendCap(dynamo, config.require("LIMITS_TABLE"))::forget),
                new LinkTokens(TokenKeyRing.parse("TOKEN_KEYS", config.require("TOKEN_KEYS")),
                        config.getSeconds("CONFIRM_TOKEN_TTL_SECONDS", LinkTokens.DEFAULT_CONFIRM_TTL)),
                new CachedNewsletterCatalogue(new DynamoDbNewsletterCatalogue(dynamo, config.require("NEWSLETTERS_TABLE")),
                        Clock.systemUTC(), Duration.ofMinutes(1)),
                new Settings(config.get("PUBLISHER_NAME", "Newsroom"),
                        config.optional("CONFIRMED_URL").map(u -> config.requireUrl("CONFIRMED_URL")),
                        config.requireUrl("SIGNUP_PAGE_URL")),
                Clock.systemUTC(),
                new Log("subscription-links"));
    }

    /** For tests: every collaborator given. */
    public SubscriptionLinksHandler(SubscriptionLinks links, LinkTokens tokens, NewsletterCatalogue catalogue,
                                    Settings settings, Clock clock, Log log) {
        super(log);
        this.links = links;
        this.tokens = tokens;
        this.catalogue = catalogue;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        try {
            return switch (request.routeKey()) {
                case "GET " + CONFIRM_PATH -> showConfirm(request);
                case "POST " + CONFIRM_PATH -> confirm(request, fields(request));
                case "GET " + UNSUBSCRIBE_PATH -> showUnsubscribe(request);
                case "POST " + UNSUBSCRIBE_PATH -> unsubscribe(request, fields(request));
                default -> throw new ProblemException(Problem.notFound("There is nothing at this address."));
            };
        } catch (PageException e) {
            return e.response();
        }
    }

    private HttpResponse showConfirm(HttpRequest request) {
        String raw = request.query("token").orElse("");
        LinkToken token = verify(request, raw, LinkToken.Purpose.CONFIRM);
        if (request.wantsJson()) {
            return json(200, "confirm", names(token.newsletters()), "POST this token to confirm.");
        }
        return page("Confirm your subscription")
                .paragraph("Please confirm that you want to receive " + describe(token.newsletters()) + ".")
                .button(CONFIRM_PATH, Map.of("token", raw), "Yes, subscribe me", false)
                .paragraph("If you did not ask for this, close this page: nothing will happen.")
                .respond(200);
    }

    private HttpResponse confirm(HttpRequest request, Map<String, String> fields) {
        String raw = fields.getOrDefault("token", request.query("token").orElse(""));
        LinkToken token = verify(request, raw, LinkToken.Purpose.CONFIRM);
        List<String> confirmed = links.confirm(token, clock.instant());
        log().info("confirm", Map.of("requested", token.newsletters().size(), "confirmed", confirmed.size()));
        if (confirmed.isEmpty()) {
            if (request.wantsJson()) {
                throw new ProblemException(Problem.of("link-no-longer-valid", "Link no longer valid", 400,
                        "This link can no longer be used. Please sign up again."));
            }
            return page("This link can no longer be used")
                    .paragraph("There is nothing left to confirm with this link. You can sign up again at any time.")
                    .link(settings.signupPageUrl().toString(), "Sign up again")
                    .respond(400);
        }
        if (request.wantsJson()) {
            return json(200, "confirmed", names(confirmed), "Your subscription is confirmed.");
        }
        if (settings.confirmedUrl().isPresent()) {
            return HttpResponse.seeOther(settings.confirmedUrl().get().toString()).withHeader("cache-control", "no-store");
        }
        return page("You are subscribed")
                .paragraph("Thank you! You will receive " + describe(confirmed) + ".")
                .paragraph("Every email has a link to unsubscribe at any time.")
                .respond(200);
    }

    private HttpResponse showUnsubscribe(HttpRequest request) {
        String raw = request.query("token").orElse("");
        LinkToken token = verify(request, raw, LinkToken.Purpose.UNSUBSCRIBE);
        if (request.wantsJson()) {
            return json(200, "unsubscribe", names(token.newsletters()),
                    "POST this token to unsubscribe; add scope=all for every newsletter, or action=erase to delete your data.");
        }
        Page page = page("Unsubscribe");
        if (!token.newsletters().isEmpty()) {
            page.paragraph("This email address receives " + describe(token.newsletters()) + ".")
                    .button(UNSUBSCRIBE_PATH, Map.of("token", raw), "Unsubscribe from " + describe(token.newsletters()), false);
        }
        return page.button(UNSUBSCRIBE_PATH, Map.of("token", raw, "scope", "all"), "Unsubscribe from all newsletters", true)
                .paragraph("You can also delete everything we keep about this email address: your subscriptions and the record of your consent.")
                .button(UNSUBSCRIBE_PATH, Map.of("token", raw, "action", "erase"), "Delete all my data", true)
                .respond(200);
    }

    private HttpResponse unsubscribe(HttpRequest request, Map<String, String> fields) {
        String raw = fields.getOrDefault("token", request.query("token").orElse(""));
        LinkToken token = verify(request, raw, LinkToken.Purpose.UNSUBSCRIBE);
        boolean oneClick = "One-Click".equals(fields.get("List-Unsubscribe"));
        if (!oneClick && "erase".equals(fields.get("action"))) {
            links.erase(token);
            log().info("erase", Map.of("erased", true));
            if (request.wantsJson()) {
                return json(200, "erased", List.of(), "Every record of this email address has been deleted.");
            }
            return page("Your data has been deleted")
                    .paragraph("We deleted every record of this email address. You will not receive any more newsletters.")
                    .respond(200);
        }
        boolean all = !oneClick && "all".equals(fields.get("scope"));
        List<String> done = links.unsubscribe(token, all, clock.instant());
        log().info("unsubscribe", Map.of("oneClick", oneClick, "all", all, "newsletters", done.size()));
        if (request.wantsJson()) {
            return json(200, "unsubscribed", names(done), "You have been unsubscribed.");
        }
        return page("You have been unsubscribed")
                .paragraph(all ? "You will not receive any of our newsletters any more."
                        : "You will not receive " + describe(token.newsletters()) + " any more.")
                .respond(200);
    }

    /** Form fields of a POST: urlencoded, multipart (one-click) or JSON; empty for anything else. */
    private Map<String, String> fields(HttpRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        Optional<FormData> form = FormData.decode(request, BODY_LIMIT);
        if (form.isPresent()) {
            for (String name : List.of("token", "scope", "action", "List-Unsubscribe")) {
                form.get().first(name).ifPresent(v -> fields.put(name, v.trim()));
            }
        } else if (request.mediaType().equals("application/json")) {
            JsonNode body = Json.parse(request.bodyText(BODY_LIMIT));
            if (body.isObject()) {
                body.properties().forEach(e -> {
                    if (e.getValue().isTextual()) {
                        fields.put(e.getKey(), e.getValue().asText());
                    }
                });
            }
        }
        return fields;
    }

    private LinkToken verify(HttpRequest request, String raw, LinkToken.Purpose purpose) {
        try {
            return tokens.verify(raw, purpose, clock.instant());
        } catch (InvalidTokenException e) {
            log().info("invalid token", Map.of("route", request.routeKey(), "expired", e.expired()));
            boolean expired = e.expired();
            if (request.wantsJson()) {
                throw new ProblemException(expired
                        ? Problem.of("expired-link", "Link expired", 400, "This confirmation link has expired. Please sign up again.")
                        : Problem.of("invalid-link", "Invalid link", 400, "This link is not valid. Please use the link from your email as it is."));
            }
            throw new PageException(expired
                    ? page("This link has expired")
                            .paragraph("Confirmation links work for " + tokens.confirmTtl().toHours() + " hours. Please sign up again: it only takes a moment.")
                            .link(settings.signupPageUrl().toString(), "Sign up again")
                            .respond(400)
                    : page("This link does not work")
                            .paragraph("The link is incomplete or has been changed. Please open it again from your email, exactly as it is.")
                            .respond(400));
        }
    }

    private Page page(String title) {
        return new Page(settings.publisher(), title);
    }

    private List<String> names(List<String> ids) {
        return ids.stream().map(id -> catalogue.find(id).map(Newsletter::name).orElse(id)).toList();
    }

    private String describe(List<String> ids) {
        List<String> names = names(ids);
        if (names.isEmpty()) {
            return "our newsletters";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static HttpResponse json(int status, String state, List<String> newsletters, String message) {
        ObjectNode body = Json.object();
        body.put("status", state);
        ArrayNode list = body.putArray("newsletters");
        newsletters.forEach(list::add);
        body.put("message", message);
        return HttpResponse.json(status, body.toString()).withHeader("cache-control", "no-store");
    }
}

package org.newsroom.articles.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.newsroom.articles.DynamoDbArticleRepository;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPage;
import org.newsroom.articles.ListingPosition;
import org.newsroom.articles.Slugs;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.Etags;
import org.newsroom.core.http.FieldError;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Log;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public articles API: {@code GET /articles} (newest first, filtered by section, tag or
 * editors' picks, cursor-paginated) and {@code GET /articles/{slug}}. Responses are
 * cacheable by browsers and CDNs and carry a strong ETag.
 */
public final class ArticlesReadHandler extends ApiHandler {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;

    private final ArticleReader reader;
    private final Clock clock;
    private final String cacheControl;

    /** Used by Lambda. */
    public ArticlesReadHandler() {
        this(System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public ArticlesReadHandler(Map<String, String> environment) {
        this(Config.from(environment), AwsClients.dynamoDb());
    }

    private ArticlesReadHandler(Config config, DynamoDbClient dynamo) {
        this(new ArticleReader(new DynamoDbArticleRepository(dynamo, config.require("ARTICLES_TABLE"))),
                Clock.systemUTC(),
                config.getSeconds("CACHE_MAX_AGE_SECONDS", Duration.ofSeconds(60)),
                config.getSeconds("CACHE_STALE_SECONDS", Duration.ofSeconds(300)),
                new Log("articles-read"));
    }

    /** For tests: every collaborator given. */
    public ArticlesReadHandler(ArticleReader reader, Clock clock, Duration maxAge, Duration staleWhileRevalidate, Log log) {
        super(log);
        this.reader = reader;
        this.clock = clock;
        this.cacheControl = "public, max-age=" + maxAge.toSeconds()
                + ", stale-while-revalidate=" + staleWhileRevalidate.toSeconds();
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return switch (request.routeKey()) {
            case "GET /articles" -> list(request);
            case "GET /articles/{slug}" -> read(request);
            default -> throw new ProblemException(Problem.notFound("There is nothing at this address."));
        };
    }

    private HttpResponse list(HttpRequest request) {
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        Listing listing = listing(request, errors);
        int limit = limit(request, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
        Optional<ListingPosition> after = Optional.empty();
        Optional<String> cursor = request.query("cursor");
        if (cursor.isPresent()) {
            after = CursorCodec.decode(cursor.get(), listing, now);
            if (after.isEmpty()) {
                throw new ProblemException(Problem.validation(List.of(new FieldError("cursor",
                        "This cursor is not valid for this list. Start again from the first page."))));
            }
        }
        ListingPage page = reader.list(listing, now, limit, after);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        page.items().forEach(summary -> items.add(ArticleJson.summary(summary)));
        if (page.next().isPresent()) {
            body.put("nextCursor", CursorCodec.encode(page.next().get()));
        } else {
            body.putNull("nextCursor");
        }
        return Etags.cacheableJson(request, body.toString(), cacheControl);
    }

    private HttpResponse read(HttpRequest request) {
        String slug = request.pathParameter("slug").orElse("");
        if (!Slugs.isValid(slug)) {
            throw new ProblemException(Problem.notFound("No article has this address."));
        }
        return reader.read(slug, clock.instant())
                .map(view -> Etags.cacheableJson(request, ArticleJson.article(view.article(), view.related()).toString(), cacheControl))
                .orElseThrow(() -> new ProblemException(Problem.notFound("No article has this address.")));
    }

    private static Listing listing(HttpRequest request, List<FieldError> errors) {
        Optional<String> section = request.query("section");
        Optional<String> tag = request.query("tag");
        Optional<String> featured = request.query("featured");
        int filters = (section.isPresent() ? 1 : 0) + (tag.isPresent() ? 1 : 0)
                + (featured.filter("true"::equals).isPresent() ? 1 : 0);
        if (filters > 1) {
            errors.add(new FieldError("section", "Filter by one of section, tag or featured at a time."));
            return Listing.ALL;
        }
        if (featured.isPresent() && !featured.get().equals("true") && !featured.get().equals("false")) {
            errors.add(new FieldError("featured", "featured must be true or false."));
        }
        if (section.isPresent()) {
            if (!Slugs.isValid(section.get())) {
                errors.add(new FieldError("section", "section must be a section slug such as 'climate'."));
            }
            return Listing.section(section.get());
        }
        if (tag.isPresent()) {
            if (!Slugs.isValid(tag.get())) {
                errors.add(new FieldError("tag", "tag must be a tag slug such as 'elections'."));
            }
            return Listing.tag(tag.get());
        }
        return featured.filter("true"::equals).isPresent() ? Listing.FEATURED : Listing.ALL;
    }

    private static int limit(HttpRequest request, List<FieldError> errors) {
        Optional<String> raw = request.query("limit");
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + "."));
        return DEFAULT_LIMIT;
    }
}

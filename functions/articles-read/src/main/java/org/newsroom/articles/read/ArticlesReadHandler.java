package org.newsroom.articles.read;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.newsroom.articles.ArticleEtags;
import org.newsroom.articles.ListingPage;
import org.newsroom.articles.Slugs;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.Etags;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.log.Log;
import org.newsroom.core.priming.ClassPreload;

/**
 * The public articles API: {@code GET /articles} (newest first, filtered by section, tag or
 * editors' picks, cursor-paginated: one Query) and {@code GET /articles/{slug}} (one GetItem, the
 * related stories stored with the article). Responses are cacheable by browsers and CDNs and carry
 * a strong ETag; an article's tag also names its revision, for editors' {@code If-Match}.
 */
public final class ArticlesReadHandler extends ApiHandler {

    static {
        // Before anything else: the classes of a cold start load on a second thread from here on.
        ClassPreload.start(ArticlesReadHandler.class);
    }

    private final ArticleReader reader;
    private final CursorCodec cursors;
    private final Clock clock;
    private final String cacheControl;

    /** Used by Lambda. */
    public ArticlesReadHandler() {
        this(System.getenv());
        ArticlesReadPriming.register(this);
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public ArticlesReadHandler(Map<String, String> environment) {
        this(ArticlesReadDependencies.create(ArticlesReadSettings.from(Config.from(environment))));
    }

    private ArticlesReadHandler(ArticlesReadDependencies deployed) {
        this(
                deployed.reader(),
                deployed.cursors(),
                deployed.settings(),
                deployed.clock(),
                deployed.log());
    }

    /** For tests: every collaborator given. */
    public ArticlesReadHandler(
            ArticleReader reader,
            CursorCodec cursors,
            ArticlesReadSettings settings,
            Clock clock,
            Log log) {
        super(log);
        this.reader = reader;
        this.cursors = cursors;
        this.clock = clock;
        this.cacheControl = settings.cacheControl();
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return switch (request.routeKey()) {
            case "GET /articles" -> list(request);
            case "GET /articles/{slug}" -> read(request);
            default ->
                    throw new ProblemException(
                            Problem.notFound("There is nothing at this address."));
        };
    }

    private HttpResponse list(HttpRequest request) {
        Instant now = clock.instant();
        ListingQuery query = ListingQuery.parse(request, now, cursors);
        ListingPage page = reader.list(query.listing(), now, query.limit(), query.after());
        String body = ArticleJson.page(page, page.next().map(cursors::encode));
        return Etags.cacheableJson(request, body, cacheControl);
    }

    private HttpResponse read(HttpRequest request) {
        String slug = request.pathParameter("slug").orElse("");
        if (!Slugs.isValid(slug)) {
            throw new ProblemException(Problem.notFound("No article has this address."));
        }
        ArticleReader.ArticleView view =
                reader.read(slug, clock.instant())
                        .orElseThrow(
                                () ->
                                        new ProblemException(
                                                Problem.notFound("No article has this address.")));
        String json = ArticleJson.article(view.article(), view.related());
        String etag = ArticleEtags.of(view.revision(), json);
        HttpResponse response =
                Etags.matches(request.header("if-none-match"), etag)
                        ? HttpResponse.empty(304)
                        : HttpResponse.json(200, json);
        return response.withHeader("etag", etag).withHeader("cache-control", cacheControl);
    }
}

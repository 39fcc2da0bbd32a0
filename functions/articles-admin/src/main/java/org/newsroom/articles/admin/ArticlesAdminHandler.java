package org.newsroom.articles.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleRepository;
import org.newsroom.articles.DynamoDbArticleRepository;
import org.newsroom.articles.Slugs;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;

/**
 * Editors' API: {@code PUT /articles/{slug}} creates or replaces an article, {@code DELETE}
 * unpublishes it. The routes are behind API Gateway's IAM authorisation; this function never sees
 * an unauthenticated request.
 */
public final class ArticlesAdminHandler extends ApiHandler {

    /** Largest accepted request body: the body field's limit plus room for the other fields. */
    static final int BODY_LIMIT_BYTES = 512 * 1024;

    private final ArticleRepository repository;
    private final Clock clock;
    private final Metrics metrics;

    /** Used by Lambda. */
    public ArticlesAdminHandler() {
        this(System.getenv());
        ArticlesAdminPriming.register(this, System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public ArticlesAdminHandler(Map<String, String> environment) {
        this(ArticlesAdminSettings.from(Config.from(environment)));
    }

    private ArticlesAdminHandler(ArticlesAdminSettings settings) {
        this(
                new DynamoDbArticleRepository(AwsClients.dynamoDb(), settings.articlesTable()),
                Clock.systemUTC(),
                new Log("articles-admin"),
                new Metrics("articles-admin"));
    }

    /** For tests: every collaborator given. */
    public ArticlesAdminHandler(
            ArticleRepository repository, Clock clock, Log log, Metrics metrics) {
        super(log);
        this.repository = repository;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return switch (request.routeKey()) {
            case "PUT /articles/{slug}" -> put(request);
            case "DELETE /articles/{slug}" -> delete(request);
            default ->
                    throw new ProblemException(
                            Problem.notFound("There is nothing at this address."));
        };
    }

    private HttpResponse put(HttpRequest request) {
        if (!request.mediaType().equals("application/json")) {
            throw new ProblemException(Problem.unsupportedMediaType("application/json"));
        }
        String slug = request.pathParameter("slug").orElse("");
        String text = request.bodyText(BODY_LIMIT_BYTES);
        Instant now = clock.instant();
        ArticleInput.Result result = ArticleInput.parse(slug, Json.parse(text), now);
        if (!result.errors().isEmpty()) {
            throw new ProblemException(Problem.validation(result.errors()));
        }
        Article article = result.article();
        boolean created = repository.save(article);
        if (created) {
            // A new article, published now or scheduled; an edit of one is not counted again.
            metrics.count("ArticlesPublished");
        }
        String location = "/articles/" + slug;
        return HttpResponse.json(
                        created ? 201 : 200,
                        Json.write(
                                Map.of(
                                        "slug", slug,
                                        "published", article.visibleAt(now),
                                        "publishedAt", article.publishedAt().toString(),
                                        "readingTimeMinutes", article.readingTimeMinutes(),
                                        "body", article.body(),
                                        "url", location)))
                .withHeader("location", location)
                .withHeader("cache-control", "no-store");
    }

    private HttpResponse delete(HttpRequest request) {
        String slug = request.pathParameter("slug").orElse("");
        if (!Slugs.isValid(slug) || !repository.unpublish(slug, clock.instant())) {
            throw new ProblemException(Problem.notFound("No article has this address."));
        }
        return HttpResponse.empty(204);
    }
}

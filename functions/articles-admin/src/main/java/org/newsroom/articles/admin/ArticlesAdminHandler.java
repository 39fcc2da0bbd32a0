package org.newsroom.articles.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleEtags;
import org.newsroom.articles.ArticleRepository;
import org.newsroom.articles.Precondition;
import org.newsroom.articles.PreconditionFailedException;
import org.newsroom.articles.SavedArticle;
import org.newsroom.articles.Slugs;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.priming.ClassPreload;
import org.newsroom.core.time.Timestamps;

/**
 * Editors' API: {@code PUT /articles/{slug}} creates or replaces an article, {@code DELETE}
 * unpublishes it. The routes are behind API Gateway's IAM authorisation; this function never sees
 * an unauthenticated request. Replacing needs {@code If-Match} with the ETag the editor read (a PUT
 * without it only creates), so two editors never silently overwrite each other; see {@link
 * ArticleEtags}.
 */
public final class ArticlesAdminHandler extends ApiHandler {

    static {
        // Before anything else: the classes of a cold start load on a second thread from here on.
        ClassPreload.start(ArticlesAdminHandler.class);
    }

    /** Largest accepted request body: the body field's limit plus room for the other fields. */
    static final int BODY_LIMIT_BYTES = 512 * 1024;

    private final ArticleRepository repository;
    private final ArticleEditor editor;
    private final Clock clock;

    /** Used by Lambda. */
    public ArticlesAdminHandler() {
        this(System.getenv());
        ArticlesAdminPriming.register(this, repository);
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public ArticlesAdminHandler(Map<String, String> environment) {
        this(
                ArticlesAdminDependencies.create(
                        ArticlesAdminSettings.from(Config.from(environment))));
    }

    private ArticlesAdminHandler(ArticlesAdminDependencies deployed) {
        this(deployed.repository(), deployed.clock(), deployed.log(), deployed.metrics());
    }

    /** For tests: every collaborator given. */
    public ArticlesAdminHandler(
            ArticleRepository repository, Clock clock, Log log, Metrics metrics) {
        super(log);
        this.repository = repository;
        this.editor = new ArticleEditor(repository, clock, log, metrics);
        this.clock = clock;
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
        Precondition precondition = ArticleEtags.precondition(request.header("if-match"));
        SavedArticle saved;
        try {
            saved = editor.save(article, precondition, Editor.of(request));
        } catch (PreconditionFailedException e) {
            throw new ProblemException(EditProblems.of(e.reason()));
        }
        String location = "/articles/" + slug;
        return HttpResponse.json(
                        saved.created() ? 201 : 200,
                        Json.write(
                                Map.of(
                                        "slug", slug,
                                        "published", article.visibleAt(now),
                                        "publishedAt", Timestamps.format(article.publishedAt()),
                                        "readingTimeMinutes", article.readingTimeMinutes(),
                                        "body", article.body(),
                                        "url", location)))
                .withHeader("location", location)
                .withHeader("etag", ArticleEtags.of(saved.revision()))
                .withHeader("cache-control", "no-store");
    }

    private HttpResponse delete(HttpRequest request) {
        String slug = request.pathParameter("slug").orElse("");
        if (!Slugs.isValid(slug)) {
            throw new ProblemException(Problem.notFound("No article has this address."));
        }
        // Without If-Match an unpublish is unconditional: taking a story down must never wait.
        Precondition precondition =
                request.header("if-match").isPresent()
                        ? ArticleEtags.precondition(request.header("if-match"))
                        : Precondition.ANY_REVISION;
        OptionalLong revision;
        try {
            revision = editor.unpublish(slug, precondition, Editor.of(request));
        } catch (PreconditionFailedException e) {
            throw new ProblemException(EditProblems.of(e.reason()));
        }
        if (revision.isEmpty()) {
            throw new ProblemException(Problem.notFound("No article has this address."));
        }
        return HttpResponse.empty(204).withHeader("etag", ArticleEtags.of(revision.getAsLong()));
    }
}

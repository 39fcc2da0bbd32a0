package org.newsroom.articles.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsroom.articles.ArticleRepository;
import org.newsroom.articles.Listing;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of articles-admin (see {@link Priming}): a save with an empty article (refused
 * 400 by validation, nothing written); a valid sample article validated and cleaned without being
 * saved ({@link ArticlesAdminWarmUp}, so the sanitiser is in the snapshot); then, on the handler's
 * own client, the reads an edit makes, each of keys no article has: the GetItem of an unpublish, a
 * BatchGetItem (a save reads the article and the editors' related stories in one) and the Query of
 * a tag's listing. The save's transaction is not primed: it would write.
 */
final class ArticlesAdminPriming {

    /** A slug no article has: priming reads it and finds nothing. */
    static final String NO_ARTICLE = "snapstart-priming";

    private ArticlesAdminPriming() {}

    /** Registers the priming of {@code handler}, which stores articles in {@code articles}. */
    static void register(ArticlesAdminHandler handler, ArticleRepository articles) {
        Priming.register("articles-admin", () -> prime(handler, articles));
    }

    static void prime(ArticlesAdminHandler handler, ArticleRepository articles) {
        Priming.http(
                handler,
                "PUT /articles/{slug}",
                "/articles/" + NO_ARTICLE,
                Map.of("slug", NO_ARTICLE),
                "{}");
        ArticlesAdminWarmUp.run();
        articles.find(NO_ARTICLE);
        articles.findPublishedSummaries(List.of(NO_ARTICLE));
        articles.list(Listing.tag(NO_ARTICLE), Instant.now(), 1, Optional.empty());
    }
}

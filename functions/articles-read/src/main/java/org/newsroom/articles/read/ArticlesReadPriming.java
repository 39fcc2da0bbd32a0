package org.newsroom.articles.read;

import java.util.Map;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of articles-read (see {@link Priming}): one article page request for a slug no
 * article has: a GetItem that finds nothing, answered 404 problem+json.
 */
final class ArticlesReadPriming {

    private ArticlesReadPriming() {}

    /** Registers the priming of {@code handler}. */
    static void register(ArticlesReadHandler handler) {
        Priming.register(
                "articles-read",
                () ->
                        Priming.http(
                                handler,
                                "GET /articles/{slug}",
                                "/articles/snapstart-priming",
                                Map.of("slug", "snapstart-priming"),
                                null));
    }
}

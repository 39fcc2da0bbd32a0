package org.newsroom.articles.admin;

import java.time.Instant;
import java.util.EnumSet;
import org.newsroom.core.aws.DynamoDbModels;
import org.newsroom.core.aws.DynamoDbModels.Operation;
import org.newsroom.core.json.Json;
import org.newsroom.core.priming.WarmUpThread;

/**
 * Loads what a save does before its first DynamoDB call (the JSON tree, the article's validation,
 * the sanitiser's lexer and policy) and the models of the DynamoDB calls it makes, on a {@link
 * WarmUpThread}, started while the constructor builds the DynamoDB client. A cold start then loads
 * them beside the client instead of after it, on the first request; Lambda's init phase has two
 * cores for it.
 *
 * <p>It only parses and cleans the built-in {@link #SAMPLE} and builds model objects: nothing is
 * read, written, sent or logged. Tests and the test constructor never start it.
 */
final class ArticlesAdminWarmUp {

    /** A valid article using every field, with a link, so the cleaner does all its work. */
    static final String SAMPLE =
            """
            {"headline": "Warm-up", "summary": "Not stored.",
             "body": "<h2>Warm-up</h2><p>Not <em>stored</em>. <a href=\\"https://example.org/\\">A link</a>.</p>",
             "authors": ["Newsroom"], "section": "warm-up", "tags": ["warm-up"],
             "publishedAt": "2026-01-01T00:00:00Z", "featured": false,
             "audio": {"url": "https://example.org/a.mp3", "aiNarrated": false},
             "related": ["another-story"]}
            """;

    private ArticlesAdminWarmUp() {}

    /** Starts the warm-up ({@link #run}, then the models of the save's DynamoDB calls). */
    static Thread start() {
        return WarmUpThread.start(
                "articles-admin-warm-up",
                () -> {
                    run();
                    DynamoDbModels.load(
                            EnumSet.of(
                                    Operation.BATCH_GET_ITEM,
                                    Operation.QUERY,
                                    Operation.TRANSACT_WRITE_ITEMS,
                                    Operation.UPDATE_ITEM,
                                    Operation.GET_ITEM));
                });
    }

    /** What the thread does: validates and cleans {@link #SAMPLE} as a PUT would. */
    static ArticleInput.Result run() {
        return ArticleInput.parse(
                "warm-up", Json.parse(SAMPLE), Instant.parse("2026-01-01T00:00:00Z"));
    }
}

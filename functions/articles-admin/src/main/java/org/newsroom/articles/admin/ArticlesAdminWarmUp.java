package org.newsroom.articles.admin;

import java.time.Instant;
import org.newsroom.core.json.Json;

/**
 * Loads what a save does before its first DynamoDB call (the JSON tree, the article's validation,
 * jsoup's parser and cleaner: about 300 classes) on a background thread, started while the
 * constructor builds the DynamoDB client. A cold start then loads them beside the client instead of
 * after it, on the first request; Lambda's init phase has two cores for it.
 *
 * <p>It only parses and cleans the built-in {@link #SAMPLE}: nothing is read, written, sent or
 * logged. A failure is dropped here, because the first request meets it again and reports it the
 * usual way. Tests and the test constructor never start it.
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

    /** Starts the warm-up on a daemon thread and returns that thread. */
    static Thread start() {
        Thread thread = new Thread(ArticlesAdminWarmUp::runQuietly, "articles-admin-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** What the thread does: validates and cleans {@link #SAMPLE} as a PUT would. */
    static ArticleInput.Result run() {
        return ArticleInput.parse(
                "warm-up", Json.parse(SAMPLE), Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static void runQuietly() {
        try {
            run();
        } catch (RuntimeException | LinkageError e) {
            // The first request does the same work and reports what fails.
        }
    }
}

package org.newsroom.articles;

import java.time.Instant;

/**
 * The outcome of a save: whether the article is new, the revision it now has, whether the articles
 * that list it among their related stories are to be refreshed, and when its summary last changed.
 *
 * @param listersStale false only when they are known to show this save's summary: it left the
 *     summary as it was, and a refresh that began after that summary had settled found them all
 *     ({@link ArticleRepository#listersVerified}); never true for a new article, which nothing
 *     lists yet
 * @param summaryChangedAt when a save last changed what they show of it (this one or an earlier
 *     one)
 */
public record SavedArticle(
        boolean created, long revision, boolean listersStale, Instant summaryChangedAt) {}

package org.newsroom.articles;

/**
 * The outcome of a save: whether the article is new, the revision it now has, and whether the
 * articles that list it among their related stories may show something else of it than this save
 * wrote (its summary changed, it was unpublished before, or the refresh after an earlier save did
 * not finish): then they are to be refreshed, and {@link ArticleRepository#referencesRefreshed}
 * told once they all are. Never for a new article, which nothing lists yet.
 */
public record SavedArticle(boolean created, long revision, boolean referencesStale) {}

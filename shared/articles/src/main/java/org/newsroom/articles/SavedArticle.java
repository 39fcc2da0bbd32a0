package org.newsroom.articles;

/** The outcome of a save: whether the article is new, and the revision it now has. */
public record SavedArticle(boolean created, long revision) {}

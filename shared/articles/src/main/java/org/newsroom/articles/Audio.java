package org.newsroom.articles;

/** An audio version of an article; {@code aiNarrated} is shown to readers as a disclosure. */
public record Audio(String url, boolean aiNarrated) {}

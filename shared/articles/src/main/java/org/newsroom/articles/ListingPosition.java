package org.newsroom.articles;

import java.time.Instant;

/** Where a page of a listing ended: the last article's publish time and slug. */
public record ListingPosition(Listing listing, Instant publishedAt, String slug) {}

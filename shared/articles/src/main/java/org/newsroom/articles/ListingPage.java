package org.newsroom.articles;

import java.util.List;
import java.util.Optional;

/** One page of a listing and, when there are more, the position to continue after. */
public record ListingPage(List<ArticleSummary> items, Optional<ListingPosition> next) {

    public ListingPage {
        items = List.copyOf(items);
    }
}

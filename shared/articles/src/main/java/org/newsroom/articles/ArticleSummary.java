package org.newsroom.articles;

import java.time.Instant;
import java.util.List;

/** What a feed, a list of picks or a "related stories" box shows of an article. */
public record ArticleSummary(
        String slug,
        String headline,
        String summary,
        List<String> authors,
        String section,
        List<String> tags,
        Instant publishedAt,
        int readingTimeMinutes,
        boolean featured,
        boolean hasAudio) {

    public ArticleSummary {
        authors = List.copyOf(authors);
        tags = List.copyOf(tags);
    }
}

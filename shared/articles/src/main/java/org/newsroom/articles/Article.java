package org.newsroom.articles;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An article as editors write it and readers see it. {@code body} is sanitised HTML. {@code
 * published} is false once an editor unpublishes it; a published article whose {@code publishedAt}
 * is in the future is scheduled and stays invisible until then.
 */
public record Article(
        String slug,
        String headline,
        String summary,
        String body,
        List<String> authors,
        String section,
        List<String> tags,
        Instant publishedAt,
        Instant updatedAt,
        int readingTimeMinutes,
        Optional<Audio> audio,
        boolean featured,
        List<String> related,
        boolean published) {

    public Article {
        authors = List.copyOf(authors);
        tags = List.copyOf(tags);
        related = List.copyOf(related);
    }

    /** Whether readers may see it at {@code now}. */
    public boolean visibleAt(Instant now) {
        return published && !publishedAt.isAfter(now);
    }

    public ArticleSummary summaryView() {
        return new ArticleSummary(
                slug,
                headline,
                summary,
                authors,
                section,
                tags,
                publishedAt,
                readingTimeMinutes,
                featured,
                audio.isPresent());
    }
}

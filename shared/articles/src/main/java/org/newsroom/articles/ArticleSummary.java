package org.newsroom.articles;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

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

    /**
     * Every component equal, as a record's own equals: spelled out because the generated one runs
     * through method handles, which an editor's save pays for on each summary it compares (a tenth
     * of the save's own time when measured; README, Benchmark).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ArticleSummary that
                && readingTimeMinutes == that.readingTimeMinutes
                && featured == that.featured
                && hasAudio == that.hasAudio
                && Objects.equals(slug, that.slug)
                && Objects.equals(publishedAt, that.publishedAt)
                && Objects.equals(headline, that.headline)
                && Objects.equals(summary, that.summary)
                && Objects.equals(section, that.section)
                && authors.equals(that.authors)
                && tags.equals(that.tags);
    }

    @Override
    public int hashCode() {
        int hash = Objects.hashCode(slug);
        hash = 31 * hash + Objects.hashCode(headline);
        hash = 31 * hash + Objects.hashCode(summary);
        hash = 31 * hash + authors.hashCode();
        hash = 31 * hash + Objects.hashCode(section);
        hash = 31 * hash + tags.hashCode();
        hash = 31 * hash + Objects.hashCode(publishedAt);
        hash = 31 * hash + readingTimeMinutes;
        hash = 31 * hash + Boolean.hashCode(featured);
        return 31 * hash + Boolean.hashCode(hasAudio);
    }
}

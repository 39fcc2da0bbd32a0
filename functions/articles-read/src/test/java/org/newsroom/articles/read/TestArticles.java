package org.newsroom.articles.read;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.newsroom.articles.Article;
import org.newsroom.articles.Audio;

/** Builds articles for the read tests. */
final class TestArticles {

    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private TestArticles() {}

    static Article article(String slug, String section, List<String> tags, Instant publishedAt) {
        return new Article(
                slug,
                "Headline of " + slug,
                "Summary of " + slug,
                "<p>Body of " + slug + "</p>",
                List.of("Ana Reyes"),
                section,
                tags,
                publishedAt,
                publishedAt,
                2,
                Optional.empty(),
                false,
                List.of(),
                true);
    }

    static Article withRelated(Article a, List<String> related) {
        return new Article(
                a.slug(),
                a.headline(),
                a.summary(),
                a.body(),
                a.authors(),
                a.section(),
                a.tags(),
                a.publishedAt(),
                a.updatedAt(),
                a.readingTimeMinutes(),
                a.audio(),
                a.featured(),
                related,
                a.published());
    }

    static Article featured(Article a) {
        return new Article(
                a.slug(),
                a.headline(),
                a.summary(),
                a.body(),
                a.authors(),
                a.section(),
                a.tags(),
                a.publishedAt(),
                a.updatedAt(),
                a.readingTimeMinutes(),
                a.audio(),
                true,
                a.related(),
                a.published());
    }

    static Article unpublished(Article a) {
        return new Article(
                a.slug(),
                a.headline(),
                a.summary(),
                a.body(),
                a.authors(),
                a.section(),
                a.tags(),
                a.publishedAt(),
                a.updatedAt(),
                a.readingTimeMinutes(),
                a.audio(),
                a.featured(),
                a.related(),
                false);
    }

    static Article withAudio(Article a) {
        return new Article(
                a.slug(),
                a.headline(),
                a.summary(),
                a.body(),
                a.authors(),
                a.section(),
                a.tags(),
                a.publishedAt(),
                a.updatedAt(),
                a.readingTimeMinutes(),
                Optional.of(new Audio("https://cdn.news.example/audio/" + a.slug() + ".mp3", true)),
                a.featured(),
                a.related(),
                a.published());
    }

    static Instant hoursAgo(long hours) {
        return NOW.minusSeconds(3600 * hours);
    }
}

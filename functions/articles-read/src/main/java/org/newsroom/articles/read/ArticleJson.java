package org.newsroom.articles.read;

import java.util.List;
import java.util.Optional;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleSummary;
import org.newsroom.articles.ListingPage;
import org.newsroom.core.json.JsonText;
import org.newsroom.core.time.Timestamps;

/**
 * The public JSON shapes of articles; field names are part of the API contract. Assembled by hand
 * as compact text ({@link JsonText} escapes the strings as the project's generator does): a feed
 * page is written on every request, and a generator per page showed in the warm path.
 */
final class ArticleJson {

    private ArticleJson() {}

    /** A page of the feed: {@code {"items": [summary...], "nextCursor": "..." | null}}. */
    static String page(ListingPage page, Optional<String> nextCursor) {
        List<ArticleSummary> items = page.items();
        StringBuilder json = new StringBuilder(64 + 400 * items.size());
        json.append("{\"items\":");
        summaries(json, items);
        json.append(",\"nextCursor\":");
        JsonText.appendString(json, nextCursor.orElse(null));
        return json.append('}').toString();
    }

    /** An article page, with the related stories to show beside it. */
    static String article(Article a, List<ArticleSummary> related) {
        StringBuilder json = new StringBuilder(4_096 + 400 * related.size());
        json.append("{\"slug\":");
        JsonText.appendString(json, a.slug());
        json.append(",\"headline\":");
        JsonText.appendString(json, a.headline());
        json.append(",\"summary\":");
        JsonText.appendString(json, a.summary());
        json.append(",\"body\":");
        JsonText.appendString(json, a.body());
        json.append(",\"authors\":");
        strings(json, a.authors());
        json.append(",\"section\":");
        JsonText.appendString(json, a.section());
        json.append(",\"tags\":");
        strings(json, a.tags());
        json.append(",\"publishedAt\":\"").append(Timestamps.format(a.publishedAt()));
        json.append("\",\"updatedAt\":\"").append(Timestamps.format(a.updatedAt()));
        json.append("\",\"readingTimeMinutes\":").append(a.readingTimeMinutes());
        json.append(",\"audio\":");
        if (a.audio().isPresent()) {
            json.append("{\"url\":");
            JsonText.appendString(json, a.audio().get().url());
            json.append(",\"aiNarrated\":").append(a.audio().get().aiNarrated()).append('}');
        } else {
            json.append("null");
        }
        json.append(",\"featured\":").append(a.featured());
        json.append(",\"related\":");
        summaries(json, related);
        return json.append('}').toString();
    }

    private static void summaries(StringBuilder json, List<ArticleSummary> summaries) {
        json.append('[');
        for (int i = 0; i < summaries.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            summary(json, summaries.get(i));
        }
        json.append(']');
    }

    /** One summary; a timestamp's text (digits, '-', ':', 'T', '.', 'Z') needs no escaping. */
    private static void summary(StringBuilder json, ArticleSummary s) {
        json.append("{\"slug\":");
        JsonText.appendString(json, s.slug());
        json.append(",\"headline\":");
        JsonText.appendString(json, s.headline());
        json.append(",\"summary\":");
        JsonText.appendString(json, s.summary());
        json.append(",\"authors\":");
        strings(json, s.authors());
        json.append(",\"section\":");
        JsonText.appendString(json, s.section());
        json.append(",\"tags\":");
        strings(json, s.tags());
        json.append(",\"publishedAt\":\"").append(Timestamps.format(s.publishedAt()));
        json.append("\",\"readingTimeMinutes\":").append(s.readingTimeMinutes());
        json.append(",\"featured\":").append(s.featured());
        json.append(",\"hasAudio\":").append(s.hasAudio()).append('}');
    }

    private static void strings(StringBuilder json, List<String> values) {
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            JsonText.appendString(json, values.get(i));
        }
        json.append(']');
    }
}

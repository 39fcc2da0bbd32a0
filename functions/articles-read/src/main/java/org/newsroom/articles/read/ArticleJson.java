package org.newsroom.articles.read;

import java.util.List;
import java.util.Optional;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleSummary;
import org.newsroom.articles.ListingPage;
import org.newsroom.core.json.JsonObjectWriter;
import org.newsroom.core.time.Timestamps;

/**
 * The public JSON shapes of articles; field names are part of the API contract. Written straight to
 * text, field by field: a feed page is written on every request.
 */
final class ArticleJson {

    private ArticleJson() {}

    /** A page of the feed: {@code {"items": [summary...], "nextCursor": "..." | null}}. */
    static String page(ListingPage page, Optional<String> nextCursor) {
        JsonObjectWriter json = JsonObjectWriter.text();
        json.startArray("items");
        for (ArticleSummary summary : page.items()) {
            json.startObject();
            summary(json, summary);
            json.endObject();
        }
        json.endArray();
        json.put("nextCursor", nextCursor.orElse(null));
        return json.toText();
    }

    /** An article page, with the related stories to show beside it. */
    static String article(Article a, List<ArticleSummary> related) {
        JsonObjectWriter json = JsonObjectWriter.text();
        json.put("slug", a.slug());
        json.put("headline", a.headline());
        json.put("summary", a.summary());
        json.put("body", a.body());
        strings(json, "authors", a.authors());
        json.put("section", a.section());
        strings(json, "tags", a.tags());
        json.put("publishedAt", Timestamps.format(a.publishedAt()));
        json.put("updatedAt", Timestamps.format(a.updatedAt()));
        json.put("readingTimeMinutes", a.readingTimeMinutes());
        if (a.audio().isPresent()) {
            json.startObject("audio")
                    .put("url", a.audio().get().url())
                    .put("aiNarrated", a.audio().get().aiNarrated())
                    .endObject();
        } else {
            json.put("audio", (String) null);
        }
        json.put("featured", a.featured());
        json.startArray("related");
        for (ArticleSummary summary : related) {
            json.startObject();
            summary(json, summary);
            json.endObject();
        }
        json.endArray();
        return json.toText();
    }

    private static void summary(JsonObjectWriter json, ArticleSummary s) {
        json.put("slug", s.slug());
        json.put("headline", s.headline());
        json.put("summary", s.summary());
        strings(json, "authors", s.authors());
        json.put("section", s.section());
        strings(json, "tags", s.tags());
        json.put("publishedAt", Timestamps.format(s.publishedAt()));
        json.put("readingTimeMinutes", s.readingTimeMinutes());
        json.put("featured", s.featured());
        json.put("hasAudio", s.hasAudio());
    }

    private static void strings(JsonObjectWriter json, String name, List<String> values) {
        json.startArray(name);
        values.forEach(json::add);
        json.endArray();
    }
}

package org.newsroom.articles.read;

import java.util.List;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleSummary;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;

/** The public JSON shapes of articles; field names are part of the API contract. */
final class ArticleJson {

    private ArticleJson() {}

    static ObjectNode summary(ArticleSummary s) {
        ObjectNode node = Json.object();
        node.put("slug", s.slug());
        node.put("headline", s.headline());
        node.put("summary", s.summary());
        strings(node.putArray("authors"), s.authors());
        node.put("section", s.section());
        strings(node.putArray("tags"), s.tags());
        node.put("publishedAt", s.publishedAt().toString());
        node.put("readingTimeMinutes", s.readingTimeMinutes());
        node.put("featured", s.featured());
        node.put("hasAudio", s.hasAudio());
        return node;
    }

    static ObjectNode article(Article a, List<ArticleSummary> related) {
        ObjectNode node = Json.object();
        node.put("slug", a.slug());
        node.put("headline", a.headline());
        node.put("summary", a.summary());
        node.put("body", a.body());
        strings(node.putArray("authors"), a.authors());
        node.put("section", a.section());
        strings(node.putArray("tags"), a.tags());
        node.put("publishedAt", a.publishedAt().toString());
        node.put("updatedAt", a.updatedAt().toString());
        node.put("readingTimeMinutes", a.readingTimeMinutes());
        if (a.audio().isPresent()) {
            node.putObject("audio")
                    .put("url", a.audio().get().url())
                    .put("aiNarrated", a.audio().get().aiNarrated());
        } else {
            node.putNull("audio");
        }
        node.put("featured", a.featured());
        ArrayNode list = node.putArray("related");
        related.forEach(r -> list.add(summary(r)));
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}

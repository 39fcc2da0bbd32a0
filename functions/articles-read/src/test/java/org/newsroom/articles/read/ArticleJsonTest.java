package org.newsroom.articles.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleSummary;
import org.newsroom.articles.Audio;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPage;
import org.newsroom.articles.ListingPosition;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;

/**
 * The feed page and the article page, written field by field, read exactly as the trees the API
 * built them from before (the reference below), for many random articles.
 */
class ArticleJsonTest {

    private static ObjectNode summaryTree(ArticleSummary s) {
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

    private static ObjectNode articleTree(Article a, List<ArticleSummary> related) {
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
        related.forEach(r -> list.add(summaryTree(r)));
        return node;
    }

    private static String pageTree(ListingPage page, Optional<String> cursor) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        page.items().forEach(summary -> items.add(summaryTree(summary)));
        if (cursor.isPresent()) {
            body.put("nextCursor", cursor.get());
        } else {
            body.putNull("nextCursor");
        }
        return body.toString();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static final String CHARACTERS =
            "ab Z09-\"\\/<>&'\t\n\u0000\u001f\u007f\u00e9\u2028\u20ac\ud83d\ude00";

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(30); i > 0; i--) {
            text.append(CHARACTERS.charAt(random.nextInt(CHARACTERS.length())));
        }
        return text.toString();
    }

    private static List<String> texts(Random random) {
        List<String> values = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            values.add(text(random));
        }
        return values;
    }

    private static Instant instant(Random random) {
        return Instant.ofEpochSecond(
                1_700_000_000L + random.nextInt(200_000_000),
                random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0);
    }

    private static Article article(Random random) {
        return new Article(
                text(random),
                text(random),
                text(random),
                text(random),
                texts(random),
                text(random),
                texts(random),
                instant(random),
                instant(random),
                random.nextInt(120),
                random.nextBoolean()
                        ? Optional.of(new Audio(text(random), random.nextBoolean()))
                        : Optional.empty(),
                random.nextBoolean(),
                texts(random),
                true);
    }

    @Test
    void page_andArticle_shouldReadExactlyAsTheirTrees_forManyRandomArticles() {
        Random random = new Random(1129);
        for (int n = 0; n < 2_000; n++) {
            List<ArticleSummary> items = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                items.add(article(random).summaryView());
            }
            ListingPage page =
                    new ListingPage(
                            items,
                            random.nextBoolean()
                                    ? Optional.of(
                                            new ListingPosition(
                                                    Listing.ALL, instant(random), "a-slug"))
                                    : Optional.empty());
            Optional<String> cursor = page.next().map(p -> text(random));
            assertEquals(pageTree(page, cursor), ArticleJson.page(page, cursor));

            Article article = article(random);
            assertEquals(
                    articleTree(article, items).toString(), ArticleJson.article(article, items));
        }
    }
}

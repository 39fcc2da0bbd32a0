package org.newsroom.articles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelatedStoriesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private static ArticleSummary story(String slug, Instant publishedAt) {
        return new ArticleSummary(
                slug, "H", "S", List.of("A"), "city", List.of(), publishedAt, 1, false, false);
    }

    @Test
    void shown_shouldSkipStoriesScheduledAfterNow_andTheArticleItself_keepingStoredOrder() {
        List<ArticleSummary> stored =
                List.of(
                        story("later", NOW.plusSeconds(60)),
                        story("b", NOW.minusSeconds(60)),
                        story("self", NOW.minusSeconds(60)),
                        story("a", NOW));

        assertEquals(
                List.of("b", "a"),
                RelatedStories.shown(stored, "self", NOW).stream()
                        .map(ArticleSummary::slug)
                        .toList());
    }

    @Test
    void shown_shouldShowAtMostFour_whenMoreAreStored() {
        List<ArticleSummary> stored =
                List.of(
                        story("a", NOW),
                        story("b", NOW),
                        story("c", NOW),
                        story("d", NOW),
                        story("e", NOW),
                        story("f", NOW));

        assertEquals(
                List.of("a", "b", "c", "d"),
                RelatedStories.shown(stored, "x", NOW).stream().map(ArticleSummary::slug).toList());
    }
}

package org.newsroom.articles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleSummaryTest {

    private static final Instant AT = Instant.parse("2026-11-30T09:00:00Z");

    private static ArticleSummary summary() {
        return new ArticleSummary(
                "harbour-bridge",
                "Harbour bridge repairs",
                "Six weeks of lane closures.",
                new ArrayList<>(List.of("Ana Reyes")),
                "city",
                new ArrayList<>(List.of("transport", "bridges")),
                AT,
                4,
                false,
                true);
    }

    @Test
    void equals_shouldHoldForEqualComponents_withEqualHashCodes() {
        ArticleSummary one = summary();
        ArticleSummary other = summary();

        assertEquals(one, other);
        assertEquals(one.hashCode(), other.hashCode());
        assertNotEquals(one, null);
        assertNotEquals(one, "harbour-bridge");
    }

    @Test
    void equals_shouldFail_whenAnyOneComponentDiffers() {
        ArticleSummary s = summary();
        List<ArticleSummary> variants =
                List.of(
                        new ArticleSummary(
                                "other",
                                s.headline(),
                                s.summary(),
                                s.authors(),
                                s.section(),
                                s.tags(),
                                s.publishedAt(),
                                4,
                                false,
                                true),
                        new ArticleSummary(
                                s.slug(),
                                "Other",
                                s.summary(),
                                s.authors(),
                                s.section(),
                                s.tags(),
                                s.publishedAt(),
                                4,
                                false,
                                true),
                        new ArticleSummary(
                                s.slug(),
                                s.headline(),
                                "Other.",
                                s.authors(),
                                s.section(),
                                s.tags(),
                                s.publishedAt(),
                                4,
                                false,
                                true),
                        new ArticleSummary(
                                s.slug(),
                                s.headline(),
                                s.summary(),
                                List.of("Other"),
                                s.section(),
                                s.tags(),
                                s.publishedAt(),
                                4,
                                false,
                                true),
                        new ArticleSummary(
                                s.slug(),
                                s.headline(),
                                s.summary(),
                                s.authors(),
                                "sport",
                                s.tags(),
                                s.publishedAt(),
                                4,
                                false,
                                true),
                        new ArticleSummary(
                                s.slug(),
                                s.headline(),
                                s.summary(),
                                s.authors(),
                                s.section(),
                                List.of("bridges", "transport"),
                                s.publishedAt(),
                                4,
                                false,
                                true),
                        new ArticleSummary(
                                s.slug(),
                                s.headline(),
                                s.summary(),
                                s.authors(),
                                s.section(),
                                s.tags(),
                                AT.plusSeconds(1),
                                4,
                                false,
                                true),
                        new ArticleSummary(
                                s.slug(),
                                s.headline(),
                                s.summary(),
                                s.authors(),
                                s.section(),
                                s.tags(),
                                null,
                                4,
                                false,
                                true),
                        new ArticleSummary(
                                s.slug(),
                                s.headline(),
                                s.summary(),
                                s.authors(),
                                s.section(),
                                s.tags(),
                                s.publishedAt(),
                                5,
                                false,
                                true),
                        new ArticleSummary(
                                s.slug(),
                                s.headline(),
                                s.summary(),
                                s.authors(),
                                s.section(),
                                s.tags(),
                                s.publishedAt(),
                                4,
                                true,
                                true),
                        new ArticleSummary(
                                s.slug(),
                                s.headline(),
                                s.summary(),
                                s.authors(),
                                s.section(),
                                s.tags(),
                                s.publishedAt(),
                                4,
                                false,
                                false));

        for (ArticleSummary variant : variants) {
            assertNotEquals(s, variant, variant.toString());
            assertNotEquals(variant, s, variant.toString());
        }
    }

    @Test
    void equals_shouldCoverEveryComponent_soANewOneIsNotForgotten() {
        // equals and hashCode are written out: a component added to the record must be added there
        // and to the variants above, or two summaries that differ in it would compare equal.
        assertEquals(10, ArticleSummary.class.getRecordComponents().length);
    }
}

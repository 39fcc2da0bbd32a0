package org.newsroom.articles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ArticleItemsTest {

    @Test
    void toArticle_shouldRoundTripEveryField() {
        // GIVEN
        Article article =
                Fixtures.article("harbour-bridge", List.of("transport", "council"), true, true);
        // WHEN
        Map<String, AttributeValue> item = ArticleItems.toItem(article, List.of(), 4);
        // THEN
        assertEquals(article, ArticleItems.toArticle(item));
        assertEquals("A#harbour-bridge", item.get(ArticleItems.PK).s());
        assertEquals("ARTICLE", item.get(ArticleItems.SK).s());
        assertEquals(4, ArticleItems.version(item));
    }

    @Test
    void toArticle_shouldRoundTripWithoutAudioAndUnpublished() {
        Article base = Fixtures.article("quiet-story", List.of(), false, false);
        Article article =
                new Article(
                        base.slug(),
                        base.headline(),
                        base.summary(),
                        base.body(),
                        base.authors(),
                        base.section(),
                        base.tags(),
                        base.publishedAt(),
                        base.updatedAt(),
                        1,
                        Optional.empty(),
                        false,
                        List.of(),
                        false);
        Map<String, AttributeValue> item = ArticleItems.toItem(article, List.of(), 1);
        assertFalse(item.containsKey("audioUrl"));
        assertEquals(article, ArticleItems.toArticle(item));
    }

    @Test
    void toItem_shouldStorePublishTimesToTheSecond() {
        Article base = Fixtures.article("precise", List.of(), false, true);
        Article article =
                new Article(
                        base.slug(),
                        base.headline(),
                        base.summary(),
                        base.body(),
                        base.authors(),
                        base.section(),
                        base.tags(),
                        Instant.parse("2026-11-25T08:30:00.987Z"),
                        base.updatedAt(),
                        1,
                        Optional.empty(),
                        false,
                        List.of(),
                        true);
        Map<String, AttributeValue> item = ArticleItems.toItem(article, List.of(), 1);
        assertEquals("2026-11-25T08:30:00Z", item.get("publishedAt").s());
    }

    @Test
    void toSummary_shouldReadAListingEntry() {
        Article article = Fixtures.article("harbour-bridge", List.of("transport"), true, true);
        Map<String, AttributeValue> entry =
                ArticleItems.toListingItem(article, Listing.tag("transport"));
        assertEquals("TAG#transport", entry.get(ArticleItems.LIST_KEY).s());
        assertEquals("2026-11-25T08:30:00Z#harbour-bridge", entry.get(ArticleItems.LIST_SORT).s());
        assertEquals("A#harbour-bridge", entry.get(ArticleItems.PK).s());
        assertEquals("L#TAG#transport", entry.get(ArticleItems.SK).s());
        assertFalse(entry.containsKey("body"), "listing entries carry the summary only");
        assertEquals(article.summaryView(), ArticleItems.toSummary(entry));
    }

    @Test
    void toSummary_shouldReadAnArticleItem() {
        Article article = Fixtures.article("with-audio", List.of("a"), false, true);
        assertEquals(
                article.summaryView(),
                ArticleItems.toSummary(ArticleItems.toItem(article, List.of(), 1)));
        assertTrue(ArticleItems.toSummary(ArticleItems.toItem(article, List.of(), 1)).hasAudio());
    }

    @Test
    void listingsOf_shouldListFeedSectionEveryTagAndPicks_whenFeatured() {
        Article article = Fixtures.article("s", List.of("transport", "council"), true, true);
        assertEquals(
                Set.of(
                        Listing.ALL,
                        Listing.section("city"),
                        Listing.tag("transport"),
                        Listing.tag("council"),
                        Listing.FEATURED),
                ArticleItems.listingsOf(article));
    }

    @Test
    void listingsOf_shouldLeaveOutPicks_whenNotFeatured() {
        Article article = Fixtures.article("s", List.of("transport"), false, true);
        assertEquals(
                Set.of(Listing.ALL, Listing.section("city"), Listing.tag("transport")),
                ArticleItems.listingsOf(article));
    }

    @Test
    void listingsOf_shouldBeEmpty_whenUnpublished() {
        assertTrue(
                ArticleItems.listingsOf(Fixtures.article("s", List.of("transport"), true, false))
                        .isEmpty());
    }

    @Test
    void listSort_shouldSortLikePublishTimes() {
        String earlier = ArticleItems.listSort(Instant.parse("2026-11-25T08:30:00Z"), "zzz");
        String later = ArticleItems.listSort(Instant.parse("2026-11-25T08:30:01Z"), "aaa");
        assertTrue(earlier.compareTo(later) < 0);
    }

    @Test
    void timestamp_shouldBeTheInstantTruncatedToTheSecond_overGeneratedInstants() {
        java.util.Random random = new java.util.Random(20261130L);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong() % 300_000_000_000L;
            int nanos =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        default -> random.nextInt(1_000_000_000);
                    };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            assertEquals(
                    instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                    ArticleItems.timestamp(instant),
                    instant.toString());
        }
    }
}

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
    void listingsOfItem_shouldBeTheArticlesListings_readFromTheSaveProjectionAlone() {
        Set<String> projected =
                new java.util.HashSet<>(ArticleItems.SAVE_PROJECTION_NAMES.values());
        for (boolean featured : new boolean[] {true, false}) {
            for (boolean published : new boolean[] {true, false}) {
                for (List<String> tags :
                        List.of(List.<String>of(), List.of("transport", "council"))) {
                    Article article = Fixtures.article("harbour-bridge", tags, featured, published);
                    Map<String, AttributeValue> item =
                            new java.util.HashMap<>(ArticleItems.toItem(article, List.of(), 2));
                    item.keySet().retainAll(projected);

                    assertEquals(
                            List.copyOf(ArticleItems.listingsOf(article)),
                            List.copyOf(ArticleItems.listingsOfItem(item)),
                            featured + " " + published + " " + tags);
                }
            }
        }
    }

    @Test
    void saveProjection_shouldHoldTheSummaryAttributes_theKeyTheRevisionAndTheRelatedStories() {
        Set<String> projected = Set.copyOf(ArticleItems.SAVE_PROJECTION_NAMES.values());
        assertTrue(projected.containsAll(ArticleItems.SUMMARY_ATTRIBUTES), projected.toString());
        assertTrue(
                projected.containsAll(
                        List.of(
                                ArticleItems.PK,
                                ArticleItems.VERSION,
                                ArticleItems.RELATED_STORIES)),
                projected.toString());
        assertFalse(projected.contains(ArticleItems.BODY), "a save never reads the body back");
        assertEquals(
                ArticleItems.SAVE_PROJECTION_NAMES.keySet(),
                Set.of(ArticleItems.SAVE_PROJECTION.split(",")));
    }

    @Test
    void listSort_shouldSortLikePublishTimes() {
        String earlier = ArticleItems.listSort(Instant.parse("2026-11-25T08:30:00Z"), "zzz");
        String later = ArticleItems.listSort(Instant.parse("2026-11-25T08:30:01Z"), "aaa");
        assertTrue(earlier.compareTo(later) < 0);
    }

    private static ArticleSummary story(String slug, String headline, Instant publishedAt) {
        return new ArticleSummary(
                slug,
                headline,
                "Summary " + slug,
                List.of("Ana Reyes"),
                "city",
                List.of("transport"),
                publishedAt,
                2,
                false,
                true);
    }

    @Test
    void relatedSlugs_shouldBeTheStoredStoriesSlugsInOrder() {
        Map<String, AttributeValue> item =
                ArticleItems.toItem(
                        Fixtures.article("harbour", List.of(), false, true),
                        List.of(
                                story("b-story", "B", Fixtures.PUBLISHED),
                                story("a-story", "A", Fixtures.PUBLISHED)),
                        3);

        assertEquals(List.of("b-story", "a-story"), ArticleItems.relatedSlugs(item));
        assertEquals(
                ArticleItems.relatedStories(item).stream().map(ArticleSummary::slug).toList(),
                ArticleItems.relatedSlugs(item));
        assertEquals(List.of(), ArticleItems.relatedSlugs(Map.of()));
    }

    @Test
    void listsAsIs_shouldAnswerAsComparingEveryStoredSummaryWould() {
        // GIVEN stored lists, and summaries of a-story that are or are not what they hold
        Instant precise = Fixtures.PUBLISHED.plusMillis(250);
        ArticleSummary current = story("a-story", "A", Fixtures.PUBLISHED);
        List<List<ArticleSummary>> lists =
                List.of(
                        List.of(),
                        List.of(story("b-story", "B", Fixtures.PUBLISHED)),
                        List.of(current),
                        List.of(story("b-story", "B", Fixtures.PUBLISHED), current),
                        List.of(current, story("a-story", "Old", Fixtures.PUBLISHED)),
                        List.of(current, story("b-story", "B", Fixtures.PUBLISHED), current),
                        List.of(story("a-story", "Old", Fixtures.PUBLISHED)));
        List<ArticleSummary> candidates =
                List.of(
                        current,
                        story("a-story", "Old", Fixtures.PUBLISHED),
                        // stored to the second, so it reads back as a different summary
                        story("a-story", "A", precise));
        for (List<ArticleSummary> stored : lists) {
            Map<String, AttributeValue> item =
                    ArticleItems.toItem(
                            Fixtures.article("harbour", List.of(), false, true), stored, 3);
            for (ArticleSummary candidate : candidates) {
                // WHEN / THEN: the same answer as reading every summary and comparing
                List<ArticleSummary> read = ArticleItems.relatedStories(item);
                boolean expected =
                        read.stream().anyMatch(r -> r.slug().equals(candidate.slug()))
                                && read.stream()
                                        .filter(r -> r.slug().equals(candidate.slug()))
                                        .allMatch(candidate::equals);
                assertEquals(
                        expected,
                        ArticleItems.listsAsIs(item, candidate),
                        stored + " / " + candidate);
            }
        }
        assertTrue(
                ArticleItems.listsAsIs(
                        ArticleItems.toItem(
                                Fixtures.article("harbour", List.of(), false, true),
                                List.of(current),
                                1),
                        current));
        assertFalse(ArticleItems.listsAsIs(Map.of(), current));
    }

    @Test
    void listsAsIs_shouldAnswerAsReadingTheEntryWould_whenItIsStoredInAnotherForm() {
        // GIVEN the entry summaries() writes for a story, and entries stored otherwise
        ArticleSummary story = story("a-story", "A", Fixtures.PUBLISHED);
        Map<String, AttributeValue> written = ArticleItems.summaries(List.of(story)).l().get(0).m();
        Map<String, Map<String, AttributeValue>> sameStory = new java.util.LinkedHashMap<>();
        sameStory.put("as written", written);
        sameStory.put(
                "publish time with a zero fraction",
                with(written, "publishedAt", AttributeValue.fromS("2026-11-25T08:30:00.000Z")));
        sameStory.put(
                "reading time 02", with(written, "readingTimeMinutes", AttributeValue.fromN("02")));
        Map<String, AttributeValue> audioByUrl =
                with(written, "audioUrl", AttributeValue.fromS("u"));
        audioByUrl.remove("hasAudio");
        sameStory.put("audio told by its address", audioByUrl);
        Map<String, Map<String, AttributeValue>> otherStory = new java.util.LinkedHashMap<>();
        otherStory.put("headline", with(written, "headline", AttributeValue.fromS("B")));
        otherStory.put("summary", with(written, "summary", AttributeValue.fromS("Other")));
        otherStory.put("section", with(written, "section", AttributeValue.fromS("climate")));
        otherStory.put(
                "publish time",
                with(written, "publishedAt", AttributeValue.fromS("2026-11-25T08:30:01Z")));
        otherStory.put(
                "reading time", with(written, "readingTimeMinutes", AttributeValue.fromN("3")));
        otherStory.put(
                "authors",
                with(
                        written,
                        "authors",
                        AttributeValue.fromL(
                                List.of(
                                        AttributeValue.fromS("Ana Reyes"),
                                        AttributeValue.fromS("Li Wei")))));
        otherStory.put("no tags", with(written, "tags", AttributeValue.fromL(List.of())));
        otherStory.put("featured", with(written, "featured", AttributeValue.fromBool(true)));
        otherStory.put("no audio", with(written, "hasAudio", AttributeValue.fromBool(false)));
        for (boolean same : new boolean[] {true, false}) {
            for (Map.Entry<String, Map<String, AttributeValue>> entry :
                    (same ? sameStory : otherStory).entrySet()) {
                Map<String, AttributeValue> item =
                        Map.of(
                                "relatedStories",
                                AttributeValue.fromL(
                                        List.of(AttributeValue.fromM(entry.getValue()))));
                // WHEN / THEN: what reading the entry into a summary and comparing answers
                assertEquals(
                        same,
                        ArticleItems.toSummary(entry.getValue()).equals(story),
                        entry.getKey());
                assertEquals(same, ArticleItems.listsAsIs(item, story), entry.getKey());
            }
        }
    }

    private static Map<String, AttributeValue> with(
            Map<String, AttributeValue> entry, String name, AttributeValue value) {
        Map<String, AttributeValue> changed = new java.util.HashMap<>(entry);
        changed.put(name, value);
        return changed;
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

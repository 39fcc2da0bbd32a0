package org.newsroom.articles.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.articles.read.TestArticles.NOW;
import static org.newsroom.articles.read.TestArticles.article;
import static org.newsroom.articles.read.TestArticles.hoursAgo;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.articles.ArticleSummary;

class ArticleReaderTest {

    private final InMemoryArticleRepository repository = new InMemoryArticleRepository();
    private final ArticleReader reader = new ArticleReader(repository);

    private static List<String> slugs(List<ArticleSummary> summaries) {
        return summaries.stream().map(ArticleSummary::slug).toList();
    }

    @Test
    void read_shouldShowStoredRelatedStoriesVisibleNow_inStoredOrder_atMostFour() {
        // GIVEN stored related stories, one of them still scheduled
        repository.add(article("main", "city", List.of(), hoursAgo(1)));
        repository.storeRelated(
                "main",
                List.of(
                        article("pick", "city", List.of(), hoursAgo(30)).summaryView(),
                        article("later", "city", List.of(), NOW.plusSeconds(60)).summaryView(),
                        article("tag-new", "city", List.of(), hoursAgo(2)).summaryView(),
                        article("tag-mid", "city", List.of(), hoursAgo(5)).summaryView(),
                        article("tag-old", "city", List.of(), hoursAgo(9)).summaryView(),
                        article("tag-oldest", "city", List.of(), hoursAgo(20)).summaryView()));
        repository.revision = 12;
        // WHEN
        ArticleReader.ArticleView view = reader.read("main", NOW).orElseThrow();
        // THEN
        assertEquals(List.of("pick", "tag-new", "tag-mid", "tag-old"), slugs(view.related()));
        assertEquals(12, view.revision());
    }

    @Test
    void read_shouldMakeOneStoreCall() {
        repository.add(article("main", "city", List.of("transport"), hoursAgo(1)));
        repository.add(article("other", "city", List.of("transport"), hoursAgo(2)));

        reader.read("main", NOW);

        assertEquals(1, repository.findCalls);
        assertEquals(0, repository.listCalls, "related stories are stored, not queried");
    }

    @Test
    void read_shouldBeEmpty_forUnpublishedOrScheduled() {
        repository.add(TestArticles.unpublished(article("gone", "city", List.of(), hoursAgo(3))));
        repository.add(article("scheduled", "city", List.of(), NOW.plusSeconds(1)));
        repository.add(article("exactly-now", "city", List.of(), NOW));

        assertTrue(reader.read("gone", NOW).isEmpty());
        assertTrue(reader.read("scheduled", NOW).isEmpty());
        assertTrue(reader.read("missing", NOW).isEmpty());
        assertTrue(reader.read("exactly-now", NOW).isPresent());
    }
}

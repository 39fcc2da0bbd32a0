package org.newsroom.articles.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.articles.read.TestArticles.NOW;
import static org.newsroom.articles.read.TestArticles.article;
import static org.newsroom.articles.read.TestArticles.hoursAgo;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleSummary;

class ArticleReaderTest {

    private final InMemoryArticleRepository repository = new InMemoryArticleRepository();
    private final ArticleReader reader = new ArticleReader(repository);

    private static List<String> slugs(List<ArticleSummary> summaries) {
        return summaries.stream().map(ArticleSummary::slug).toList();
    }

    @Test
    void related_shouldPutExplicitSlugsFirstInOrder_thenNewestSharingATag() {
        // GIVEN
        repository.add(article("pick-one", "city", List.of(), hoursAgo(30)));
        repository.add(article("pick-two", "city", List.of(), hoursAgo(40)));
        repository.add(article("tag-old", "city", List.of("transport"), hoursAgo(20)));
        repository.add(article("tag-new", "city", List.of("council"), hoursAgo(2)));
        repository.add(article("tag-mid", "city", List.of("transport"), hoursAgo(5)));
        Article main =
                TestArticles.withRelated(
                        article("main", "city", List.of("transport", "council"), hoursAgo(1)),
                        List.of("pick-two", "pick-one"));
        repository.add(main);
        // WHEN
        List<ArticleSummary> related = reader.related(main, NOW);
        // THEN
        assertEquals(List.of("pick-two", "pick-one", "tag-new", "tag-mid"), slugs(related));
    }

    @Test
    void related_shouldSkipInvisibleExplicitSlugs() {
        repository.add(TestArticles.unpublished(article("gone", "city", List.of(), hoursAgo(3))));
        repository.add(article("scheduled", "city", List.of(), NOW.plusSeconds(3600)));
        repository.add(article("visible", "city", List.of(), hoursAgo(3)));
        Article main =
                TestArticles.withRelated(
                        article("main", "city", List.of(), hoursAgo(1)),
                        List.of("gone", "missing", "scheduled", "visible"));
        repository.add(main);

        assertEquals(List.of("visible"), slugs(reader.related(main, NOW)));
    }

    @Test
    void related_shouldNeverIncludeItselfNorDuplicates_andAtMostFour() {
        for (int i = 1; i <= 6; i++) {
            repository.add(
                    article(
                            "shared-" + i,
                            "city",
                            List.of("transport", "council"),
                            hoursAgo(i + 1)));
        }
        Article main =
                TestArticles.withRelated(
                        article("main", "city", List.of("transport", "council"), hoursAgo(0)),
                        List.of("main", "shared-5"));
        repository.add(main);

        List<String> related = slugs(reader.related(main, NOW));

        assertEquals(List.of("shared-5", "shared-1", "shared-2", "shared-3"), related);
    }

    @Test
    void related_shouldBeEmpty_whenNoExplicitSlugsAndNoTags() {
        repository.add(article("other", "city", List.of(), hoursAgo(3)));
        Article main = article("main", "city", List.of(), hoursAgo(1));
        repository.add(main);
        assertTrue(reader.related(main, NOW).isEmpty());
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

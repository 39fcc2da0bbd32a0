package org.newsroom.articles.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleRepository;
import org.newsroom.articles.ArticleSummary;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPage;
import org.newsroom.articles.RelatedStories;

class RelatedStoryChooserTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private final ArticleRepository repository = mock(ArticleRepository.class);
    private final RelatedStoryChooser chooser = new RelatedStoryChooser(repository);

    @BeforeEach
    void setUp() {
        when(repository.list(any(), any(), anyInt(), any()))
                .thenReturn(new ListingPage(List.of(), Optional.empty()));
    }

    private static ArticleSummary story(String slug, int hoursAgo) {
        return new ArticleSummary(
                slug,
                "H " + slug,
                "S",
                List.of("Ana Reyes"),
                "city",
                List.of(),
                NOW.minusSeconds(hoursAgo * 3600L),
                2,
                false,
                false);
    }

    private static Article article(String slug, List<String> tags, List<String> related) {
        return new Article(
                slug,
                "Headline",
                "Summary",
                "<p>Body</p>",
                List.of("Ana Reyes"),
                "city",
                tags,
                NOW,
                NOW,
                1,
                Optional.empty(),
                false,
                related,
                true);
    }

    private void tagged(String tag, ArticleSummary... stories) {
        when(repository.list(eq(Listing.tag(tag)), eq(NOW), anyInt(), eq(Optional.empty())))
                .thenReturn(new ListingPage(List.of(stories), Optional.empty()));
    }

    private static List<String> slugs(List<ArticleSummary> summaries) {
        return summaries.stream().map(ArticleSummary::slug).toList();
    }

    @Test
    void choose_shouldPutEditorsChoicesFirstInOrder_thenNewestSharingATag() {
        tagged("transport", story("tag-mid", 5), story("tag-old", 20));
        tagged("council", story("tag-new", 2), story("tag-mid", 5));

        List<ArticleSummary> chosen =
                chooser.choose(
                        article(
                                "main",
                                List.of("transport", "council"),
                                List.of("pick-two", "pick-one")),
                        List.of(story("pick-two", 40), story("pick-one", 30)),
                        NOW);

        assertEquals(
                List.of("pick-two", "pick-one", "tag-new", "tag-mid", "tag-old"), slugs(chosen));
    }

    @Test
    void choose_shouldNeverIncludeItselfNorDuplicates_andStoreAtMostEight() {
        ArticleSummary[] shared = new ArticleSummary[10];
        for (int i = 0; i < shared.length; i++) {
            shared[i] = story("shared-" + (i + 1), i + 1);
        }
        tagged("transport", shared);
        tagged("council", story("main", 0), shared[0], shared[1]);

        List<String> chosen =
                slugs(
                        chooser.choose(
                                article(
                                        "main",
                                        List.of("transport", "council"),
                                        List.of("main", "shared-5")),
                                List.of(story("shared-5", 5)),
                                NOW));

        assertEquals(RelatedStories.STORED, chosen.size());
        assertEquals(
                List.of(
                        "shared-5",
                        "shared-1",
                        "shared-2",
                        "shared-3",
                        "shared-4",
                        "shared-6",
                        "shared-7",
                        "shared-8"),
                chosen);
    }

    @Test
    void choose_shouldAskForNothingMore_whenTheEditorsChoicesFillTheBox() {
        List<String> picks = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        chooser.choose(
                article("main", List.of("transport"), picks),
                picks.stream().map(s -> story(s, 1)).toList(),
                NOW);

        verify(repository, never()).list(any(), any(), anyInt(), any());
        verify(repository, never()).findPublishedSummaries(any());
    }

    @Test
    void choose_shouldBeEmpty_whenNoChoicesAndNoTags() {
        assertEquals(
                List.of(), chooser.choose(article("main", List.of(), List.of()), List.of(), NOW));
    }

    @Test
    void choose_shouldLeaveTheArticleItselfOut_whenTheGivenChoicesIncludeIt() {
        List<ArticleSummary> chosen =
                chooser.choose(
                        article("main", List.of(), List.of("main", "pick")),
                        List.of(story("main", 1), story("pick", 2)),
                        NOW);

        assertEquals(List.of("pick"), slugs(chosen));
    }
}

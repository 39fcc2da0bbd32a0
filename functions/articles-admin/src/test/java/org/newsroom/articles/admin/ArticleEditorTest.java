package org.newsroom.articles.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleRepository;
import org.newsroom.articles.ArticleStoreException;
import org.newsroom.articles.ArticleSummary;
import org.newsroom.articles.ListingPage;
import org.newsroom.articles.Precondition;
import org.newsroom.articles.PreconditionFailedException;
import org.newsroom.articles.SavedArticle;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;

class ArticleEditorTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    /** When a saved article's summary last changed: settled long ago. */
    private static final Instant CHANGED = Instant.parse("2026-11-20T09:00:00Z");

    private static final String EDITOR = "arn:aws:iam::123456789012:user/editor";

    private final ArticleRepository repository = mock(ArticleRepository.class);
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();
    private ArticleEditor editor;

    @BeforeEach
    void setUp() {
        when(repository.list(any(), any(), anyInt(), any()))
                .thenReturn(new ListingPage(List.of(), Optional.empty()));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        editor =
                new ArticleEditor(
                        repository,
                        clock,
                        new Log(
                                "articles-admin",
                                new PrintStream(logged, true, StandardCharsets.UTF_8)),
                        new Metrics(
                                "articles-admin",
                                new PrintStream(metricLines, true, StandardCharsets.UTF_8),
                                clock));
    }

    private static Article article(String slug) {
        return new Article(
                slug,
                "Headline",
                "Summary",
                "<p>Body</p>",
                List.of("Ana Reyes"),
                "city",
                List.of("transport"),
                NOW,
                NOW,
                1,
                Optional.empty(),
                false,
                List.of(),
                true);
    }

    @Test
    void save_shouldUpdateEveryArticleThatListsIt_withItsNewSummary() {
        Article edited = article("ferry-times");
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(false, 3, true, CHANGED));
        when(repository.referencing("ferry-times", ArticleEditor.REFRESH_LIMIT + 1))
                .thenReturn(List.of("harbour", "market"));

        editor.save(edited, Precondition.ANY_REVISION, EDITOR);

        verify(repository)
                .replaceRelatedStoryInAll(
                        List.of("harbour", "market"),
                        "ferry-times",
                        Optional.of(edited.summaryView()));
    }

    @Test
    void save_shouldMarkTheListersVerified_afterARefreshOfASettledSummary() {
        // GIVEN the summary last changed more than the settling time ago
        when(repository.save(any(), any(), any()))
                .thenReturn(
                        new SavedArticle(
                                false, 3, true, NOW.minus(ArticleEditor.SETTLED).minusSeconds(1)));
        when(repository.referencing("ferry-times", ArticleEditor.REFRESH_LIMIT + 1))
                .thenReturn(List.of("harbour"));

        editor.save(article("ferry-times"), Precondition.ANY_REVISION, EDITOR);

        verify(repository).replaceRelatedStoryInAll(eq(List.of("harbour")), any(), any());
        verify(repository).listersVerified("ferry-times", 3);
    }

    @Test
    void save_shouldRefreshButNotMark_whileTheSummaryChangeIsSettling() {
        // GIVEN the summary changed in this save, or just before: a save or refresh that read the
        // earlier summary may still write it after this refresh
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(false, 3, true, NOW.minusSeconds(30)));
        when(repository.referencing("ferry-times", ArticleEditor.REFRESH_LIMIT + 1))
                .thenReturn(List.of("harbour"));

        editor.save(article("ferry-times"), Precondition.ANY_REVISION, EDITOR);

        verify(repository).replaceRelatedStoryInAll(eq(List.of("harbour")), any(), any());
        verify(repository, never()).listersVerified(anyString(), anyLong());
    }

    @Test
    void save_shouldNotLookForReferences_whenTheyAreKnownToShowTheArticle() {
        // GIVEN the repository found the summary unchanged and its listers verified (a body edit)
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(false, 3, false, CHANGED));

        editor.save(article("ferry-times"), Precondition.ANY_REVISION, EDITOR);

        verify(repository, never()).referencing(anyString(), anyInt());
        verify(repository, never()).replaceRelatedStoryInAll(any(), any(), any());
        verify(repository, never()).listersVerified(anyString(), anyLong());
    }

    @Test
    void save_shouldNotMark_whenTheRefreshLeavesArticlesOut() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= ArticleEditor.REFRESH_LIMIT; i++) {
            many.add("article-" + i);
        }
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(false, 3, true, CHANGED));
        when(repository.referencing("ferry-times", ArticleEditor.REFRESH_LIMIT + 1))
                .thenReturn(many);

        editor.save(article("ferry-times"), Precondition.ANY_REVISION, EDITOR);

        verify(repository)
                .replaceRelatedStoryInAll(
                        eq(many.subList(0, ArticleEditor.REFRESH_LIMIT)), any(), any());
        verify(repository, never()).listersVerified(anyString(), anyLong());
    }

    @Test
    void save_shouldNotMark_whenTheRefreshFails() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(false, 3, true, CHANGED));
        when(repository.referencing("ferry-times", ArticleEditor.REFRESH_LIMIT + 1))
                .thenReturn(List.of("harbour"));
        when(repository.replaceRelatedStoryInAll(eq(List.of("harbour")), any(), any()))
                .thenThrow(new ArticleStoreException("Could not write", new RuntimeException()));

        editor.save(article("ferry-times"), Precondition.ANY_REVISION, EDITOR);

        verify(repository).replaceRelatedStoryInAll(eq(List.of("harbour")), any(), any());
        verify(repository, never()).listersVerified(anyString(), anyLong());
    }

    @Test
    void save_shouldStand_andLogIt_whenTheArticleCannotBeMarked() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(false, 3, true, CHANGED));
        when(repository.referencing(anyString(), anyInt())).thenReturn(List.of());
        doThrow(new ArticleStoreException("Could not mark", new RuntimeException()))
                .when(repository)
                .listersVerified("ferry-times", 3);

        SavedArticle saved = editor.save(article("ferry-times"), Precondition.ANY_REVISION, EDITOR);

        assertEquals(new SavedArticle(false, 3, true, CHANGED), saved);
        verify(repository).listersVerified("ferry-times", 3);
        String lines = logged.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("related stories refreshed but not marked"), lines);
        assertFalse(metricLines.toString(StandardCharsets.UTF_8).contains("RelatedRefreshFailed"));
    }

    @Test
    void save_shouldNotLookForReferences_whenTheArticleIsNew() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));

        editor.save(article("ferry-times"), Precondition.CREATE_ONLY, EDITOR);

        verify(repository, never()).referencing(anyString(), anyInt());
    }

    @Test
    void unpublish_shouldRemoveItFromEveryArticleThatListsIt() {
        when(repository.unpublish("ferry-times", NOW, Precondition.ANY_REVISION))
                .thenReturn(OptionalLong.of(4));
        when(repository.referencing("ferry-times", ArticleEditor.REFRESH_LIMIT + 1))
                .thenReturn(List.of("harbour"));

        assertEquals(
                OptionalLong.of(4),
                editor.unpublish("ferry-times", Precondition.ANY_REVISION, EDITOR));

        verify(repository)
                .replaceRelatedStoryInAll(List.of("harbour"), "ferry-times", Optional.empty());
    }

    @Test
    void unpublish_shouldRefreshNothing_whenThereIsNoSuchArticle() {
        when(repository.unpublish(any(), any(), any())).thenReturn(OptionalLong.empty());
        assertTrue(editor.unpublish("nothing", Precondition.ANY_REVISION, EDITOR).isEmpty());
        verify(repository, never()).referencing(anyString(), anyInt());
    }

    @Test
    void save_shouldUpdateAtMostTheLimit_andCountWhatWasLeftOut() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= ArticleEditor.REFRESH_LIMIT; i++) {
            many.add("article-" + i);
        }
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(false, 2, true, CHANGED));
        when(repository.referencing("ferry-times", ArticleEditor.REFRESH_LIMIT + 1))
                .thenReturn(many);

        editor.save(article("ferry-times"), Precondition.ANY_REVISION, EDITOR);

        verify(repository)
                .replaceRelatedStoryInAll(
                        eq(many.subList(0, ArticleEditor.REFRESH_LIMIT)), eq("ferry-times"), any());
        assertTrue(
                metricLines.toString(StandardCharsets.UTF_8).contains("RelatedRefreshTruncated"));
    }

    @Test
    void save_shouldStand_whenTheRefreshFails_andLogAndCountTheFailure() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(false, 2, true, CHANGED));
        when(repository.referencing(anyString(), anyInt()))
                .thenThrow(new ArticleStoreException("Could not query", new RuntimeException()));

        SavedArticle saved = editor.save(article("ferry-times"), Precondition.ANY_REVISION, EDITOR);

        assertEquals(new SavedArticle(false, 2, true, CHANGED), saved);
        assertTrue(metricLines.toString(StandardCharsets.UTF_8).contains("RelatedRefreshFailed"));
        assertTrue(
                logged.toString(StandardCharsets.UTF_8).contains("related stories refresh failed"));
    }

    @Test
    void save_shouldStoreTheChosenRelatedStories_withThePrecondition() {
        // GIVEN the editors' related story is published, as the repository read it with the article
        Article article = withRelated(article("ferry-times"), "night-market");
        ArticleSummary market = article("night-market").summaryView();
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));
        Precondition precondition = new Precondition.OneOf(java.util.Set.of(7L));
        // WHEN
        editor.save(article, precondition, EDITOR);
        // THEN the repository gets the article, the precondition, and the choice of stories from
        // the editors' choices it read, without a read of them by the editor
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Function<List<ArticleSummary>, List<ArticleSummary>>> related =
                ArgumentCaptor.forClass(Function.class);
        verify(repository).save(eq(article), related.capture(), eq(precondition));
        assertEquals(List.of(market), related.getValue().apply(List.of(market)));
        verify(repository, never()).findPublishedSummaries(any());
    }

    @Test
    void save_shouldChooseNoRelatedStories_whenTheSaveIsRefused() {
        // GIVEN the article exists, so a create-only save is refused before anything is written
        when(repository.save(any(), any(), eq(Precondition.CREATE_ONLY)))
                .thenThrow(
                        new PreconditionFailedException(PreconditionFailedException.Reason.EXISTS));
        // WHEN
        assertThrows(
                PreconditionFailedException.class,
                () ->
                        editor.save(
                                withRelated(article("ferry-times"), "night-market"),
                                Precondition.CREATE_ONLY,
                                EDITOR));
        // THEN no related story was looked up apart from the save's own read: no tag listing
        verify(repository, never()).findPublishedSummaries(any());
        verify(repository, never()).list(any(), any(), anyInt(), any());
    }

    private static Article withRelated(Article article, String related) {
        return new Article(
                article.slug(),
                article.headline(),
                article.summary(),
                article.body(),
                article.authors(),
                article.section(),
                article.tags(),
                article.publishedAt(),
                article.updatedAt(),
                article.readingTimeMinutes(),
                article.audio(),
                article.featured(),
                List.of(related),
                article.published());
    }
}

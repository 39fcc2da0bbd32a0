package org.newsroom.articles.admin;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.articles.ArticleRepository;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPage;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;

class ArticlesAdminPrimingTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void prime_shouldOnlyReadKeysNoArticleHas_andWriteNothing() {
        // GIVEN
        ArticleRepository repository = mock(ArticleRepository.class);
        when(repository.find(any())).thenReturn(Optional.empty());
        when(repository.findPublishedSummaries(any())).thenReturn(List.of());
        when(repository.list(any(), any(), anyInt(), any()))
                .thenReturn(new ListingPage(List.of(), Optional.empty()));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        PrintStream discard =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ArticlesAdminHandler handler =
                new ArticlesAdminHandler(
                        repository,
                        clock,
                        new Log("articles-admin", discard),
                        new Metrics("articles-admin", discard, clock));
        // WHEN
        ArticlesAdminPriming.prime(handler, repository);
        // THEN the three reads a save makes, of the priming slug, and no save, unpublish or refresh
        String slug = ArticlesAdminPriming.NO_ARTICLE;
        verify(repository).find(slug);
        verify(repository).findPublishedSummaries(List.of(slug));
        verify(repository).list(eq(Listing.tag(slug)), any(), eq(1), eq(Optional.empty()));
        verifyNoMoreInteractions(repository);
    }
}

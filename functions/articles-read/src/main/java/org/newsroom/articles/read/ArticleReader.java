package org.newsroom.articles.read;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleRepository;
import org.newsroom.articles.ArticleSummary;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPage;
import org.newsroom.articles.ListingPosition;
import org.newsroom.articles.RelatedStories;

/**
 * Reading rules: what readers may see. An article page is one read: its related stories were chosen
 * and stored with it when it was saved, and only those visible now are shown.
 */
public final class ArticleReader {

    private final ArticleRepository repository;

    public ArticleReader(ArticleRepository repository) {
        this.repository = repository;
    }

    public ListingPage list(
            Listing listing, Instant now, int limit, Optional<ListingPosition> after) {
        return repository.list(listing, now, limit, after);
    }

    /** A visible article with its related stories, or empty when readers may not see it. */
    public Optional<ArticleView> read(String slug, Instant now) {
        return repository
                .find(slug)
                .filter(stored -> stored.article().visibleAt(now))
                .map(
                        stored ->
                                new ArticleView(
                                        stored.article(),
                                        RelatedStories.shown(stored.relatedStories(), slug, now),
                                        stored.revision()));
    }

    /** An article, the related stories to show beside it, and its revision. */
    public record ArticleView(Article article, List<ArticleSummary> related, long revision) {}
}

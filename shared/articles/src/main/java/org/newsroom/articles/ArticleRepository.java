package org.newsroom.articles;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Storage of articles and their listings. Implementations translate storage errors to {@link
 * ArticleStoreException}.
 */
public interface ArticleRepository {

    /** The article with this slug, published or not. */
    Optional<Article> find(String slug);

    /**
     * The summaries of the articles with these slugs that readers may see at {@code now}, in the
     * given order.
     */
    List<ArticleSummary> findVisibleSummaries(Collection<String> slugs, Instant now);

    /**
     * Up to {@code limit} summaries of articles visible at {@code now}, newest first, after {@code
     * after}.
     */
    ListingPage list(Listing listing, Instant now, int limit, Optional<ListingPosition> after);

    /**
     * Creates or replaces an article and its listings in one transaction.
     *
     * @return true when the article did not exist before
     */
    boolean save(Article article);

    /**
     * Takes an article off every listing and marks it unpublished; its content is kept.
     *
     * @return false when there is no such article
     */
    boolean unpublish(String slug, Instant now);
}

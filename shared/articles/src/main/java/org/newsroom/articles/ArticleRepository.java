package org.newsroom.articles;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Storage of articles, their listings and their related stories. Implementations translate storage
 * errors to {@link ArticleStoreException}.
 */
public interface ArticleRepository {

    /** The article with this slug, published or not, with its stored related stories. */
    Optional<StoredArticle> find(String slug);

    /**
     * The summaries of the published articles (scheduled ones included) with these slugs, in the
     * given order; unknown and unpublished slugs are left out.
     */
    List<ArticleSummary> findPublishedSummaries(Collection<String> slugs);

    /**
     * Up to {@code limit} summaries of articles visible at {@code now}, newest first, after {@code
     * after}.
     */
    ListingPage list(Listing listing, Instant now, int limit, Optional<ListingPosition> after);

    /**
     * Creates or replaces an article, its listings, its related stories and the references to them
     * in one transaction, if {@code precondition} holds. The article's current revision and its
     * editors' choices ({@link Article#related()}) are read together, so a refused save has read
     * them too, and nothing else. The outcome says whether the articles that list it are to be
     * refreshed ({@link SavedArticle#listersStale}).
     *
     * @param relatedStories given the summaries of the editors' choices that are published
     *     (scheduled ones included), in their order, unknown and unpublished ones and the article
     *     itself left out; applied once the precondition is known to hold, and answers the related
     *     stories to store
     * @throws PreconditionFailedException when it does not, and nothing was written
     */
    SavedArticle save(
            Article article,
            Function<List<ArticleSummary>, List<ArticleSummary>> relatedStories,
            Precondition precondition);

    /**
     * Takes an article off every listing and marks it unpublished; its content is kept.
     *
     * @param precondition {@link Precondition#ANY_REVISION} for an unconditional unpublish
     * @return the new revision, or empty when there is no such article
     * @throws PreconditionFailedException when {@code precondition} does not hold
     */
    OptionalLong unpublish(String slug, Instant now, Precondition precondition);

    /**
     * Records that every article listing {@code slug} among its related stories shows it as saved
     * at {@code revision}, so that later saves which leave its summary as it is need not look for
     * them ({@link SavedArticle#listersStale}). Does nothing when the article has another revision
     * by now: that save decided for itself.
     */
    void listersVerified(String slug, long revision);

    /** Up to {@code limit} slugs of the articles whose stored related stories include this one. */
    List<String> referencing(String slug, int limit);

    /**
     * In the stored related stories of {@code slug}, replaces the story {@code relatedSlug} with
     * {@code replacement}, or removes it (and its reference) when empty. Idempotent; leaves the
     * article's revision as it is (editors' tags stay valid).
     *
     * @return whether anything changed
     */
    boolean replaceRelatedStory(
            String slug, String relatedSlug, Optional<ArticleSummary> replacement);

    /**
     * {@link #replaceRelatedStory} in each of {@code slugs}, in their order; an implementation may
     * read them together.
     *
     * @return how many articles changed
     */
    default int replaceRelatedStoryInAll(
            List<String> slugs, String relatedSlug, Optional<ArticleSummary> replacement) {
        int changed = 0;
        for (String slug : slugs) {
            if (replaceRelatedStory(slug, relatedSlug, replacement)) {
                changed++;
            }
        }
        return changed;
    }
}

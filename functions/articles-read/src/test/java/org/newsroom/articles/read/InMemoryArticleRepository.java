package org.newsroom.articles.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleRepository;
import org.newsroom.articles.ArticleSummary;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPage;
import org.newsroom.articles.ListingPosition;
import org.newsroom.articles.Precondition;
import org.newsroom.articles.SavedArticle;
import org.newsroom.articles.StoredArticle;

/**
 * The article store's contract held in memory: listings newest first (ties by slug, descending, as
 * the index sorts them), visibility at a given time, positions to continue after. It counts queries
 * so tests can check a rejected request never reached the store.
 */
final class InMemoryArticleRepository implements ArticleRepository {

    private static final Comparator<ArticleSummary> NEWEST_FIRST =
            Comparator.comparing(ArticleSummary::publishedAt)
                    .thenComparing(ArticleSummary::slug)
                    .reversed();

    private final Map<String, Article> articles = new LinkedHashMap<>();
    private final Map<String, List<ArticleSummary>> storedRelated = new LinkedHashMap<>();
    int listCalls;
    int findCalls;
    long revision = 1;

    void add(Article article) {
        articles.put(article.slug(), article);
    }

    private static boolean onListing(Article a, Listing listing) {
        return listing.equals(Listing.ALL)
                || listing.equals(Listing.section(a.section()))
                || a.tags().stream().anyMatch(t -> listing.equals(Listing.tag(t)))
                || (a.featured() && listing.equals(Listing.FEATURED));
    }

    /**
     * The article with, as its stored related stories, the published ones among its editors'
     * choices (what the admin API stores when no tag adds more), or those given by {@link
     * #storeRelated}.
     */
    @Override
    public Optional<StoredArticle> find(String slug) {
        findCalls++;
        Article article = articles.get(slug);
        if (article == null) {
            return Optional.empty();
        }
        List<ArticleSummary> related =
                storedRelated.getOrDefault(slug, findPublishedSummaries(article.related()));
        return Optional.of(new StoredArticle(article, related, revision));
    }

    void storeRelated(String slug, List<ArticleSummary> related) {
        storedRelated.put(slug, related);
    }

    @Override
    public List<ArticleSummary> findPublishedSummaries(Collection<String> slugs) {
        List<ArticleSummary> found = new ArrayList<>();
        for (String slug : new LinkedHashSet<>(slugs)) {
            Article a = articles.get(slug);
            if (a != null && a.published()) {
                found.add(a.summaryView());
            }
        }
        return found;
    }

    @Override
    public ListingPage list(
            Listing listing, Instant now, int limit, Optional<ListingPosition> after) {
        listCalls++;
        List<ArticleSummary> all =
                articles.values().stream()
                        .filter(a -> a.visibleAt(now) && onListing(a, listing))
                        .map(Article::summaryView)
                        .sorted(NEWEST_FIRST)
                        .toList();
        List<ArticleSummary> rest = new ArrayList<>();
        for (ArticleSummary s : all) {
            if (after.isEmpty() || NEWEST_FIRST.compare(s, position(after.get())) > 0) {
                rest.add(s);
            }
        }
        if (rest.size() > limit) {
            List<ArticleSummary> page = rest.subList(0, limit);
            ArticleSummary last = page.get(limit - 1);
            return new ListingPage(
                    page,
                    Optional.of(new ListingPosition(listing, last.publishedAt(), last.slug())));
        }
        return new ListingPage(rest, Optional.empty());
    }

    private static ArticleSummary position(ListingPosition p) {
        return new ArticleSummary(
                p.slug(), "", "", List.of(), "", List.of(), p.publishedAt(), 1, false, false);
    }

    @Override
    public SavedArticle save(
            Article article,
            Function<List<ArticleSummary>, List<ArticleSummary>> relatedStories,
            Precondition precondition) {
        throw new UnsupportedOperationException("the read API never writes");
    }

    @Override
    public OptionalLong unpublish(String slug, Instant now, Precondition precondition) {
        throw new UnsupportedOperationException("the read API never writes");
    }

    @Override
    public void listersVerified(String slug, long revision) {
        throw new UnsupportedOperationException("the read API never writes");
    }

    @Override
    public List<String> referencing(String slug, int limit) {
        throw new UnsupportedOperationException("the read API never writes");
    }

    @Override
    public boolean replaceRelatedStory(
            String slug, String relatedSlug, Optional<ArticleSummary> replacement) {
        throw new UnsupportedOperationException("the read API never writes");
    }
}

package org.newsroom.articles.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleRepository;
import org.newsroom.articles.ArticleSummary;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPage;
import org.newsroom.articles.ListingPosition;

/** Reading rules: what readers may see, and how "related stories" are chosen. */
public final class ArticleReader {

    /** How many related stories an article page shows. */
    static final int RELATED_LIMIT = 4;

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
        Optional<Article> found = repository.find(slug).filter(a -> a.visibleAt(now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Article article = found.get();
        return Optional.of(new ArticleView(article, related(article, now)));
    }

    /** Editors' explicit choices first, in their order; then the newest stories sharing a tag. */
    List<ArticleSummary> related(Article article, Instant now) {
        Map<String, ArticleSummary> chosen = new LinkedHashMap<>();
        List<String> explicit =
                article.related().stream().filter(s -> !s.equals(article.slug())).toList();
        for (ArticleSummary summary : repository.findVisibleSummaries(explicit, now)) {
            if (chosen.size() < RELATED_LIMIT) {
                chosen.put(summary.slug(), summary);
            }
        }
        if (chosen.size() < RELATED_LIMIT && !article.tags().isEmpty()) {
            List<ArticleSummary> candidates = new ArrayList<>();
            for (String tag : article.tags()) {
                candidates.addAll(
                        repository
                                .list(Listing.tag(tag), now, RELATED_LIMIT + 1, Optional.empty())
                                .items());
            }
            candidates.sort(
                    Comparator.comparing(ArticleSummary::publishedAt)
                            .reversed()
                            .thenComparing(ArticleSummary::slug));
            for (ArticleSummary candidate : candidates) {
                if (chosen.size() >= RELATED_LIMIT) {
                    break;
                }
                if (!candidate.slug().equals(article.slug())) {
                    chosen.putIfAbsent(candidate.slug(), candidate);
                }
            }
        }
        return List.copyOf(chosen.values());
    }

    /** An article and the related stories to show beside it. */
    public record ArticleView(Article article, List<ArticleSummary> related) {}
}

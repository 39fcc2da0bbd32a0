package org.newsroom.articles.admin;

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
import org.newsroom.articles.RelatedStories;

/**
 * Chooses the related stories stored with an article when it is saved: editors' explicit choices
 * first, in their order (scheduled ones included: readers see them once they are out), then the
 * newest stories visible now that share a tag, up to {@link RelatedStories#STORED}. One Query per
 * tag (the choices are read with the article's revision), on the editors' path instead of every
 * reader's.
 */
final class RelatedStoryChooser {

    /**
     * Newest first; stories published in the same second by slug. Written out rather than composed
     * from {@code Comparator.comparing}, whose chain of key extractors a save runs on every
     * comparison.
     */
    private static final Comparator<ArticleSummary> NEWEST_FIRST =
            (a, b) -> {
                int newer = b.publishedAt().compareTo(a.publishedAt());
                return newer != 0 ? newer : a.slug().compareTo(b.slug());
            };

    private final ArticleRepository repository;

    RelatedStoryChooser(ArticleRepository repository) {
        this.repository = repository;
    }

    /**
     * The related stories to store with {@code article}: {@code explicit} (the published summaries
     * of its editors' choices, in their order, as the repository read them with the article's
     * revision) first, then the newest stories sharing a tag.
     */
    List<ArticleSummary> choose(Article article, List<ArticleSummary> explicit, Instant now) {
        Map<String, ArticleSummary> chosen = new LinkedHashMap<>();
        for (ArticleSummary summary : explicit) {
            if (chosen.size() < RelatedStories.STORED && !summary.slug().equals(article.slug())) {
                chosen.put(summary.slug(), summary);
            }
        }
        if (chosen.size() < RelatedStories.STORED) {
            List<ArticleSummary> candidates = new ArrayList<>();
            for (String tag : article.tags()) {
                candidates.addAll(
                        repository
                                .list(
                                        Listing.tag(tag),
                                        now,
                                        RelatedStories.STORED + 1,
                                        Optional.empty())
                                .items());
            }
            candidates.sort(NEWEST_FIRST);
            for (ArticleSummary candidate : candidates) {
                if (chosen.size() >= RelatedStories.STORED) {
                    break;
                }
                if (!candidate.slug().equals(article.slug())) {
                    chosen.putIfAbsent(candidate.slug(), candidate);
                }
            }
        }
        return List.copyOf(chosen.values());
    }
}

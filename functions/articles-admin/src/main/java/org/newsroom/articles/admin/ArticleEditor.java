package org.newsroom.articles.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleRepository;
import org.newsroom.articles.ArticleSummary;
import org.newsroom.articles.Precondition;
import org.newsroom.articles.SavedArticle;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;

/**
 * Editors' changes: saves an article with its related stories chosen, or unpublishes it, then
 * brings the articles that list it as a related story up to date (its new summary, or without it).
 * That refresh is bounded ({@value #REFRESH_LIMIT} articles per change) and idempotent, and runs
 * after the change is stored: if it fails part way, the change stands, the failure is logged and
 * counted, and the next save of the article finishes it.
 *
 * <p>A save that leaves the summary as it was (a corrected body, the everyday edit) skips the
 * refresh once the articles listing it are known to show that summary: a refresh that began at
 * least {@link #SETTLED} after the summary last changed found every one of them, and the article
 * was marked ({@link ArticleRepository#listersVerified}). The wait is what makes the mark safe:
 * within it, another save that read the old summary (an article choosing this one, a slower refresh
 * of an earlier change of it) may still write it after this refresh, so until then every save
 * refreshes, as every save did before the mark existed. Every change is logged with the editor's
 * identity.
 */
final class ArticleEditor {

    /** Most articles updated after one change; more are logged as left out. */
    static final int REFRESH_LIMIT = 100;

    /**
     * How long after a summary change a save or refresh that read the earlier summary may still be
     * writing it: such a writer started within one function timeout (15 s, template.yaml; it bounds
     * an invocation and its SDK retries) of the change and ends within one of its own start, and
     * the listing index needs time to replicate the change. Two timeouts plus 30 s, which {@code
     * RelatedRefreshWindowTest} holds the template's timeout to.
     */
    static final Duration SETTLED = Duration.ofSeconds(60);

    private final ArticleRepository repository;
    private final RelatedStoryChooser chooser;
    private final Clock clock;
    private final Log log;
    private final Metrics metrics;

    ArticleEditor(ArticleRepository repository, Clock clock, Log log, Metrics metrics) {
        this.repository = repository;
        this.chooser = new RelatedStoryChooser(repository);
        this.clock = clock;
        this.log = log;
        this.metrics = metrics;
    }

    /**
     * Creates or replaces the article if {@code precondition} holds. The related stories are chosen
     * only then: a refused save (428, 412) has read the editors' choices with the article's
     * revision, and no listing for them.
     */
    SavedArticle save(Article article, Precondition precondition, String editor) {
        SavedArticle saved =
                repository.save(
                        article,
                        explicit -> chooser.choose(article, explicit, clock.instant()),
                        precondition);
        changed(article.slug(), saved.created() ? "created" : "replaced", saved.revision(), editor);
        if (saved.created()) {
            // A new article, published now or scheduled; an edit of one is not counted again.
            metrics.count("ArticlesPublished");
        } else if (saved.listersStale()) {
            Instant started = clock.instant();
            if (refreshReferencing(article.slug(), Optional.of(article.summaryView()))
                    && !started.isBefore(saved.summaryChangedAt().plus(SETTLED))) {
                markVerified(article.slug(), saved.revision());
            }
        }
        return saved;
    }

    /** Unpublishes the article; empty when there is none. */
    OptionalLong unpublish(String slug, Precondition precondition, String editor) {
        OptionalLong revision = repository.unpublish(slug, clock.instant(), precondition);
        if (revision.isPresent()) {
            changed(slug, "unpublished", revision.getAsLong(), editor);
            refreshReferencing(slug, Optional.empty());
        }
        return revision;
    }

    private void changed(String slug, String action, long revision, String editor) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("slug", slug);
        fields.put("action", action);
        fields.put("revision", revision);
        fields.put("editor", editor);
        log.info("article changed", fields);
    }

    /**
     * Brings the articles that list {@code slug} up to date; whether all of them are now (none left
     * out by the limit, no failure).
     */
    private boolean refreshReferencing(String slug, Optional<ArticleSummary> summary) {
        int updated = 0;
        boolean complete;
        try {
            List<String> referencing = repository.referencing(slug, REFRESH_LIMIT + 1);
            updated =
                    repository.replaceRelatedStoryInAll(
                            referencing.subList(0, Math.min(REFRESH_LIMIT, referencing.size())),
                            slug,
                            summary);
            complete = referencing.size() <= REFRESH_LIMIT;
            if (!complete) {
                log.warn(
                        "related stories refresh left articles out",
                        Map.of("slug", slug, "limit", REFRESH_LIMIT));
                metrics.count("RelatedRefreshTruncated");
            }
        } catch (RuntimeException e) {
            log.error("related stories refresh failed", Map.of("slug", slug), e);
            metrics.count("RelatedRefreshFailed");
            return false;
        }
        if (updated > 0) {
            log.info("related stories refreshed", Map.of("slug", slug, "articles", updated));
        }
        return complete;
    }

    /**
     * Lets later saves that leave the summary alone skip the refresh. If this fails the article
     * stays unmarked and the next save refreshes again (finding nothing to change): logged, not
     * counted as a failed refresh.
     */
    private void markVerified(String slug, long revision) {
        try {
            repository.listersVerified(slug, revision);
        } catch (RuntimeException e) {
            log.error("related stories refreshed but not marked", Map.of("slug", slug), e);
        }
    }
}

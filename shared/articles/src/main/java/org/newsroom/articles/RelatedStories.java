package org.newsroom.articles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The "related stories" box. The stories are chosen when an article is saved (editors' choices
 * first, in their order, then the newest stories sharing a tag) and stored with it as summaries, so
 * an article page is one read. Up to {@value #STORED} are stored, more than are shown, so that one
 * of them being unpublished or still scheduled leaves the box full; when a stored story is edited
 * or unpublished, the admin API updates every article that lists it.
 */
public final class RelatedStories {

    /** How many related stories an article page shows. */
    public static final int SHOWN = 4;

    /** How many are chosen and stored with an article. */
    public static final int STORED = 8;

    private RelatedStories() {}

    /**
     * The stored stories readers may see at {@code now}, in stored order, at most {@link #SHOWN}.
     */
    public static List<ArticleSummary> shown(
            List<ArticleSummary> stored, String slug, Instant now) {
        List<ArticleSummary> shown = new ArrayList<>(SHOWN);
        for (ArticleSummary story : stored) {
            if (shown.size() == SHOWN) {
                break;
            }
            if (!story.slug().equals(slug) && !story.publishedAt().isAfter(now)) {
                shown.add(story);
            }
        }
        return List.copyOf(shown);
    }
}

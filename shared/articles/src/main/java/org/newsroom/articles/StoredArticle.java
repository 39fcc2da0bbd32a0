package org.newsroom.articles;

import java.util.List;

/**
 * An article as stored: the article, the related stories chosen for it when it was last saved
 * (their summaries kept up to date as they change, see {@link RelatedStories}), and its revision,
 * which every edit increases by one and which editors' {@code If-Match} refers to.
 */
public record StoredArticle(Article article, List<ArticleSummary> relatedStories, long revision) {

    public StoredArticle {
        relatedStories = List.copyOf(relatedStories);
    }
}

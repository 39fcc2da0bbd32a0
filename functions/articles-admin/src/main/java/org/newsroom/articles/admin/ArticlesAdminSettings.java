package org.newsroom.articles.admin;

import org.newsroom.core.config.Config;

/**
 * Everything the articles admin API reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name.
 */
public record ArticlesAdminSettings(String articlesTable) {

    public static ArticlesAdminSettings from(Config config) {
        return new ArticlesAdminSettings(config.require("ARTICLES_TABLE"));
    }
}

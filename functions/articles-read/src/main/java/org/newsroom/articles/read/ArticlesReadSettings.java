package org.newsroom.articles.read;

import java.time.Duration;
import org.newsroom.core.config.Config;
import org.newsroom.core.secrets.SecretSetting;

/**
 * Everything the articles read API reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name.
 *
 * @param cursorKey the Secrets Manager secret ({@code CURSOR_KEY_SECRET_ID}) whose value signs the
 *     feed's pagination cursors
 * @param cacheMaxAge how long browsers and CDNs may use a response without asking again
 * @param cacheStale how long after that they may serve it while revalidating
 */
public record ArticlesReadSettings(
        String articlesTable, SecretSetting cursorKey, Duration cacheMaxAge, Duration cacheStale) {

    public static ArticlesReadSettings from(Config config) {
        return new ArticlesReadSettings(
                config.require("ARTICLES_TABLE"),
                SecretSetting.require(config, "CURSOR_KEY_SECRET_ID"),
                config.getSeconds("CACHE_MAX_AGE_SECONDS", Duration.ofSeconds(60)),
                config.getSeconds("CACHE_STALE_SECONDS", Duration.ofSeconds(300)));
    }

    /** The Cache-Control of every successful response. */
    public String cacheControl() {
        return "public, max-age="
                + cacheMaxAge.toSeconds()
                + ", stale-while-revalidate="
                + cacheStale.toSeconds();
    }
}

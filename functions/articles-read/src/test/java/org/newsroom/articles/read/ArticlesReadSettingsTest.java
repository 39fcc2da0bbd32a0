package org.newsroom.articles.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsroom.core.config.Config;
import org.newsroom.core.config.ConfigException;

class ArticlesReadSettingsTest {

    @Test
    void from_shouldCacheAMinute_andServeStaleFiveMore_byDefault() {
        ArticlesReadSettings settings =
                ArticlesReadSettings.from(Config.from(Map.of("ARTICLES_TABLE", "articles")));
        assertEquals("articles", settings.articlesTable());
        assertEquals("public, max-age=60, stale-while-revalidate=300", settings.cacheControl());
    }

    @Test
    void from_shouldNameTheMissingTable_andABadDuration() {
        assertTrue(
                assertThrows(
                                ConfigException.class,
                                () -> ArticlesReadSettings.from(Config.from(Map.of())))
                        .getMessage()
                        .contains("ARTICLES_TABLE"));
        assertTrue(
                assertThrows(
                                ConfigException.class,
                                () ->
                                        ArticlesReadSettings.from(
                                                Config.from(
                                                        Map.of(
                                                                "ARTICLES_TABLE",
                                                                "articles",
                                                                "CACHE_MAX_AGE_SECONDS",
                                                                "-1"))))
                        .getMessage()
                        .contains("CACHE_MAX_AGE_SECONDS"));
    }
}

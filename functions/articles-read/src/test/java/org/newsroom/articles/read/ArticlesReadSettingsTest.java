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
                ArticlesReadSettings.from(
                        Config.from(
                                Map.of(
                                        "ARTICLES_TABLE",
                                        "articles",
                                        "CURSOR_KEY_SECRET_ID",
                                        "newsroom/cursor-key")));
        assertEquals("articles", settings.articlesTable());
        assertEquals("newsroom/cursor-key", settings.cursorKey().secretId());
        assertEquals("public, max-age=60, stale-while-revalidate=300", settings.cacheControl());
    }

    @Test
    void from_shouldNameTheMissingCursorKeySecret() {
        assertTrue(
                assertThrows(
                                ConfigException.class,
                                () ->
                                        ArticlesReadSettings.from(
                                                Config.from(Map.of("ARTICLES_TABLE", "articles"))))
                        .getMessage()
                        .contains("CURSOR_KEY_SECRET_ID"));
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
                                                                "CURSOR_KEY_SECRET_ID",
                                                                "key",
                                                                "CACHE_MAX_AGE_SECONDS",
                                                                "-1"))))
                        .getMessage()
                        .contains("CACHE_MAX_AGE_SECONDS"));
    }
}

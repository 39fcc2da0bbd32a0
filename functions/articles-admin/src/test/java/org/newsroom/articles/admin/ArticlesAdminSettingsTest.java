package org.newsroom.articles.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsroom.core.config.Config;
import org.newsroom.core.config.ConfigException;

class ArticlesAdminSettingsTest {

    @Test
    void from_shouldReadTheTable() {
        assertEquals(
                "articles",
                ArticlesAdminSettings.from(Config.from(Map.of("ARTICLES_TABLE", "articles")))
                        .articlesTable());
    }

    @Test
    void from_shouldNameTheMissingTable() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> ArticlesAdminSettings.from(Config.from(Map.of())));
        assertTrue(e.getMessage().contains("ARTICLES_TABLE"));
    }
}

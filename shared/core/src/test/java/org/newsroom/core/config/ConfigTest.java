package org.newsroom.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void require_shouldReturnTrimmedValue_whenSet() {
        // GIVEN
        Config config = Config.from(Map.of("TABLE", "  articles  "));
        // WHEN / THEN
        assertEquals("articles", config.require("TABLE"));
    }

    @Test
    void require_shouldNameTheVariable_whenMissing() {
        Config config = Config.from(Map.of());
        ConfigException e =
                assertThrows(ConfigException.class, () -> config.require("ARTICLES_TABLE"));
        assertTrue(e.getMessage().contains("ARTICLES_TABLE"), e.getMessage());
    }

    @Test
    void require_shouldTreatBlankAsMissing() {
        Config config = Config.from(Map.of("ARTICLES_TABLE", "   "));
        ConfigException e =
                assertThrows(ConfigException.class, () -> config.require("ARTICLES_TABLE"));
        assertTrue(e.getMessage().contains("ARTICLES_TABLE"), e.getMessage());
    }

    @Test
    void optional_shouldBeEmpty_whenUnsetOrBlank() {
        Config config = Config.from(Map.of("BLANK", " "));
        assertTrue(config.optional("BLANK").isEmpty());
        assertTrue(config.optional("UNSET").isEmpty());
        assertEquals("fallback", config.get("UNSET", "fallback"));
    }

    @Test
    void getInt_shouldReturnDefault_whenUnset() {
        assertEquals(7, Config.from(Map.of()).getInt("LIMIT", 7, 1, 10));
    }

    @Test
    void getInt_shouldParseValueWithinRange() {
        assertEquals(10, Config.from(Map.of("LIMIT", "10")).getInt("LIMIT", 7, 1, 10));
    }

    @Test
    void getInt_shouldNameTheVariable_whenNotANumber() {
        Config config = Config.from(Map.of("LIMIT", "ten"));
        ConfigException e =
                assertThrows(ConfigException.class, () -> config.getInt("LIMIT", 7, 1, 10));
        assertTrue(e.getMessage().contains("LIMIT"), e.getMessage());
    }

    @Test
    void getInt_shouldNameTheVariable_whenOutOfRange() {
        Config config = Config.from(Map.of("LIMIT", "11"));
        ConfigException e =
                assertThrows(ConfigException.class, () -> config.getInt("LIMIT", 7, 1, 10));
        assertTrue(e.getMessage().contains("LIMIT"), e.getMessage());
        assertThrows(
                ConfigException.class,
                () -> Config.from(Map.of("LIMIT", "0")).getInt("LIMIT", 7, 1, 10));
    }

    @Test
    void getBoolean_shouldAcceptCommonSpellings() {
        assertTrue(Config.from(Map.of("F", "TRUE")).getBoolean("F", false));
        assertTrue(Config.from(Map.of("F", "yes")).getBoolean("F", false));
        assertFalse(Config.from(Map.of("F", "0")).getBoolean("F", true));
        assertTrue(Config.from(Map.of()).getBoolean("F", true));
    }

    @Test
    void getBoolean_shouldNameTheVariable_whenMalformed() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> Config.from(Map.of("FLAG", "maybe")).getBoolean("FLAG", false));
        assertTrue(e.getMessage().contains("FLAG"), e.getMessage());
    }

    @Test
    void getSeconds_shouldParseWholeSeconds() {
        assertEquals(
                Duration.ofSeconds(90),
                Config.from(Map.of("MAX_AGE", "90")).getSeconds("MAX_AGE", Duration.ZERO));
        assertEquals(
                Duration.ofSeconds(5),
                Config.from(Map.of()).getSeconds("MAX_AGE", Duration.ofSeconds(5)));
    }

    @Test
    void getSeconds_shouldNameTheVariable_whenNegativeOrNotANumber() {
        ConfigException negative =
                assertThrows(
                        ConfigException.class,
                        () ->
                                Config.from(Map.of("MAX_AGE", "-1"))
                                        .getSeconds("MAX_AGE", Duration.ZERO));
        assertTrue(negative.getMessage().contains("MAX_AGE"), negative.getMessage());
        ConfigException text =
                assertThrows(
                        ConfigException.class,
                        () ->
                                Config.from(Map.of("MAX_AGE", "1m"))
                                        .getSeconds("MAX_AGE", Duration.ZERO));
        assertTrue(text.getMessage().contains("MAX_AGE"), text.getMessage());
    }

    @Test
    void requireUrl_shouldAcceptAbsoluteHttpsUrl() {
        assertEquals(
                URI.create("https://news.example/thanks"),
                Config.from(Map.of("THANKS_URL", "https://news.example/thanks"))
                        .requireUrl("THANKS_URL"));
    }

    @Test
    void requireUrl_shouldNameTheVariable_whenNotAnAbsoluteHttpUrl() {
        for (String bad :
                List.of("ftp://news.example/x", "/thanks", "https://", "ht tp://bad url")) {
            ConfigException e =
                    assertThrows(
                            ConfigException.class,
                            () -> Config.from(Map.of("THANKS_URL", bad)).requireUrl("THANKS_URL"),
                            bad);
            assertTrue(e.getMessage().contains("THANKS_URL"), e.getMessage());
        }
    }

    @Test
    void requireUrl_shouldNameTheVariable_whenMissing() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> Config.from(Map.of()).requireUrl("THANKS_URL"));
        assertTrue(e.getMessage().contains("THANKS_URL"), e.getMessage());
    }

    @Test
    void getList_shouldSplitOnCommasAndDropEmptyEntries() {
        Config config = Config.from(Map.of("ORIGINS", " https://a.example , ,https://b.example,"));
        assertEquals(List.of("https://a.example", "https://b.example"), config.getList("ORIGINS"));
        assertEquals(List.of(), config.getList("UNSET"));
    }
}

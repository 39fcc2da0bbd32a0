package org.newsroom.newsletters.signup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.config.Config;
import org.newsroom.core.config.ConfigException;

class NewsletterSignupSettingsTest {

    private static Map<String, String> required() {
        Map<String, String> environment = new HashMap<>();
        environment.put("SUBSCRIPTIONS_TABLE", "subscriptions");
        environment.put("NEWSLETTERS_TABLE", "newsletters");
        environment.put("LIMITS_TABLE", "limits");
        environment.put("THANK_YOU_URL", "https://www.example.org/thanks");
        environment.put("SIGNUP_PAGE_URL", "https://www.example.org/newsletters");
        environment.put("PEPPER_SECRET_ID", "newsroom/pepper");
        return environment;
    }

    @Test
    void from_shouldApplyTheDefaults_whenOnlyTheRequiredSettingsAreGiven() {
        NewsletterSignupSettings settings = NewsletterSignupSettings.from(Config.from(required()));
        assertEquals(10, settings.rateLimit());
        assertEquals(Duration.ofMinutes(10), settings.rateWindow());
        assertEquals(Duration.ofDays(7), settings.unconfirmedTtl());
        assertEquals(Optional.empty(), settings.turnstileSecret());
        assertEquals(List.of(), settings.allowedOrigins());
        assertEquals(
                "public, max-age=60, stale-while-revalidate=300", settings.catalogueCacheControl());
    }

    @Test
    void from_shouldReadTheLimitsAndLists() {
        Map<String, String> environment = required();
        environment.put("SIGNUP_RATE_LIMIT", "2");
        environment.put("BLOCKED_DOMAINS", "a.example, b.example");
        NewsletterSignupSettings settings = NewsletterSignupSettings.from(Config.from(environment));
        assertEquals(2, settings.rateLimit());
        assertEquals("newsroom/pepper", settings.pepper().secretId());
        assertEquals(List.of("a.example", "b.example"), settings.blockedDomains());
    }

    @Test
    void from_shouldNameTheMissingSetting() {
        Map<String, String> environment = required();
        environment.remove("LIMITS_TABLE");
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> NewsletterSignupSettings.from(Config.from(environment)));
        assertTrue(e.getMessage().contains("LIMITS_TABLE"));
    }

    @Test
    void from_shouldNameAnInvalidSetting() {
        Map<String, String> environment = required();
        environment.put("THANK_YOU_URL", "/thanks");
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> NewsletterSignupSettings.from(Config.from(environment)));
        assertTrue(e.getMessage().contains("THANK_YOU_URL"));
    }
}

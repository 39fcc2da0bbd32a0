package org.newsroom.newsletters.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.config.Config;
import org.newsroom.core.config.ConfigException;
import org.newsroom.subscriptions.SendCap;

class SubscriptionLinksSettingsTest {

    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("SUBSCRIPTIONS_TABLE", "subscriptions");
        environment.put("NEWSLETTERS_TABLE", "newsletters");
        environment.put("LIMITS_TABLE", "limits");
        environment.put("PUBLISHER_NAME", "The Ledger");
        environment.put("SIGNUP_PAGE_URL", "https://www.example.org/newsletters");
        environment.put("TOKEN_KEYS_SECRET_ID", "newsroom/token-keys");
        environment.put("MEMBERSHIPS_TABLE", "memberships");
        environment.put("SENDER_ADDRESS", "newsletters@example.org");
        environment.put("CONFIGURATION_SET", "newsroom");
        environment.put("PEPPER_SECRET_ID", "newsroom/pepper");
        return environment;
    }

    @Test
    void from_shouldShowOurOwnConfirmedPage_whenNoUrlIsSet() {
        SubscriptionLinksSettings settings =
                SubscriptionLinksSettings.from(Config.from(environment()));
        assertEquals(Optional.empty(), settings.confirmedUrl());
        assertEquals(Duration.ofHours(48), settings.confirmTokenTtl());
        assertEquals("The Ledger", settings.publisherName());
        assertEquals(Optional.empty(), settings.publicApiUrl());
        assertEquals(SendCap.Rules.DEFAULT, settings.sendCapRules());
    }

    @Test
    void from_shouldShareTheSignupsSendCap_forEmailedLinks() {
        Map<String, String> environment = environment();
        environment.put("CONFIRM_MIN_INTERVAL_SECONDS", "60");
        environment.put("CONFIRM_MAX_PER_DAY", "5");
        assertEquals(
                new SendCap.Rules(Duration.ofMinutes(1), 5),
                SubscriptionLinksSettings.from(Config.from(environment)).sendCapRules());
    }

    @Test
    void from_shouldReadTheConfirmedUrl() {
        Map<String, String> environment = environment();
        environment.put("CONFIRMED_URL", "https://www.example.org/welcome");
        assertEquals(
                Optional.of(URI.create("https://www.example.org/welcome")),
                SubscriptionLinksSettings.from(Config.from(environment)).confirmedUrl());
    }

    @Test
    void from_shouldRequireThePublisherName_likeEveryEmail() {
        Map<String, String> environment = environment();
        environment.remove("PUBLISHER_NAME");
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> SubscriptionLinksSettings.from(Config.from(environment)));
        assertTrue(e.getMessage().contains("PUBLISHER_NAME"));
    }

    @Test
    void from_shouldNameAnInvalidConfirmedUrl() {
        Map<String, String> environment = environment();
        environment.put("CONFIRMED_URL", "welcome");
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> SubscriptionLinksSettings.from(Config.from(environment)));
        assertTrue(e.getMessage().contains("CONFIRMED_URL"));
    }
}

package org.newsroom.newsletters.signup;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.newsroom.core.config.Config;
import org.newsroom.core.secrets.SecretSetting;

/**
 * Everything the signup function reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name.
 *
 * @param thankYouUrl where a form goes after a signup (whatever the address's state)
 * @param signupPageUrl where a form goes back to with an error when its own page is not one of ours
 * @param allowedOrigins sites whose pages may carry the form (the signup page's origin always may)
 * @param blockedDomains address domains refused outright (and their subdomains)
 * @param turnstileSecret the Secrets Manager secret holding Cloudflare Turnstile's secret key
 *     ({@code TURNSTILE_SECRET_ID}); without one no challenge is checked
 * @param pepper the Secrets Manager secret holding the pepper of address and client keys ({@code
 *     PEPPER_SECRET_ID})
 * @param rateLimit signups one client may make per {@code rateWindow}
 * @param unconfirmedTtl how long a signup waits for its confirmation before it is deleted
 * @param catalogueCache how long the newsletter catalogue is kept in memory
 */
public record NewsletterSignupSettings(
        String subscriptionsTable,
        String newslettersTable,
        String limitsTable,
        URI thankYouUrl,
        URI signupPageUrl,
        List<String> allowedOrigins,
        List<String> blockedDomains,
        Optional<SecretSetting> turnstileSecret,
        SecretSetting pepper,
        int rateLimit,
        Duration rateWindow,
        Duration unconfirmedTtl,
        Duration catalogueCache,
        Duration cacheMaxAge,
        Duration cacheStale) {

    public static NewsletterSignupSettings from(Config config) {
        return new NewsletterSignupSettings(
                config.require("SUBSCRIPTIONS_TABLE"),
                config.require("NEWSLETTERS_TABLE"),
                config.require("LIMITS_TABLE"),
                config.requireUrl("THANK_YOU_URL"),
                config.requireUrl("SIGNUP_PAGE_URL"),
                config.getList("ALLOWED_ORIGINS"),
                config.getList("BLOCKED_DOMAINS"),
                SecretSetting.optional(config, "TURNSTILE_SECRET_ID"),
                SecretSetting.require(config, "PEPPER_SECRET_ID"),
                config.getInt("SIGNUP_RATE_LIMIT", 10, 1, 1_000_000),
                config.getSeconds("SIGNUP_RATE_WINDOW_SECONDS", Duration.ofMinutes(10)),
                config.getSeconds("UNCONFIRMED_TTL_SECONDS", Duration.ofDays(7)),
                config.getSeconds("CATALOGUE_CACHE_SECONDS", Duration.ofSeconds(60)),
                config.getSeconds("CACHE_MAX_AGE_SECONDS", Duration.ofSeconds(60)),
                config.getSeconds("CACHE_STALE_SECONDS", Duration.ofSeconds(300)));
    }

    /** The Cache-Control of the public catalogue. */
    public String catalogueCacheControl() {
        return "public, max-age="
                + cacheMaxAge.toSeconds()
                + ", stale-while-revalidate="
                + cacheStale.toSeconds();
    }
}

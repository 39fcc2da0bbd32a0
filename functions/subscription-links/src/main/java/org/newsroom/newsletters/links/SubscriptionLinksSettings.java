package org.newsroom.newsletters.links;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.newsroom.core.config.Config;
import org.newsroom.core.secrets.SecretSetting;
import org.newsroom.mail.MailSettings;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.SendCap;

/**
 * Everything the links function reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name.
 *
 * @param limitsTable where send caps are kept: an erase or export link takes one send of the
 *     inbox's cap, and erasure forgets the inbox's cap there
 * @param membershipsTable read (never written) for the export's memberships and gifts
 * @param publisherName the newsroom's name as readers know it, on every page (required, as for
 *     email)
 * @param signupPageUrl where a reader with a dead link can sign up again
 * @param confirmedUrl where to send readers after confirming; empty shows our own page
 * @param confirmTokenTtl how long a confirmation link works
 * @param tokenKeys the Secrets Manager secret holding the link-token key ring ({@code
 *     TOKEN_KEYS_SECRET_ID}); the value is read at run time, never from the environment
 * @param mail sender, From name and configuration set of the erase and export link emails
 * @param publicApiUrl the API's public base URL: emailed links go to /subscriptions/erase and
 *     /subscriptions/export; empty means the host the request came to (the API's own URL)
 * @param sendCapRules the per-address send cap the signup uses ({@code
 *     CONFIRM_MIN_INTERVAL_SECONDS}, {@code CONFIRM_MAX_PER_DAY}), which the link emails share
 * @param pepper the Secrets Manager secret holding the pepper ({@code PEPPER_SECRET_ID}) that keys
 *     the inbox's send cap
 */
public record SubscriptionLinksSettings(
        String subscriptionsTable,
        String newslettersTable,
        String limitsTable,
        String membershipsTable,
        String publisherName,
        URI signupPageUrl,
        Optional<URI> confirmedUrl,
        SecretSetting tokenKeys,
        Duration confirmTokenTtl,
        MailSettings mail,
        Optional<URI> publicApiUrl,
        SendCap.Rules sendCapRules,
        SecretSetting pepper) {

    static final Duration CATALOGUE_CACHE = Duration.ofMinutes(1);

    public static SubscriptionLinksSettings from(Config config) {
        return new SubscriptionLinksSettings(
                config.require("SUBSCRIPTIONS_TABLE"),
                config.require("NEWSLETTERS_TABLE"),
                config.require("LIMITS_TABLE"),
                config.require("MEMBERSHIPS_TABLE"),
                config.require("PUBLISHER_NAME"),
                config.requireUrl("SIGNUP_PAGE_URL"),
                config.optional("CONFIRMED_URL").map(u -> config.requireUrl("CONFIRMED_URL")),
                SecretSetting.require(config, "TOKEN_KEYS_SECRET_ID"),
                config.getSeconds("CONFIRM_TOKEN_TTL_SECONDS", LinkTokens.DEFAULT_CONFIRM_TTL),
                MailSettings.from(config),
                config.optional("PUBLIC_API_URL").map(u -> config.requireUrl("PUBLIC_API_URL")),
                SendCap.Rules.from(config),
                SecretSetting.require(config, "PEPPER_SECRET_ID"));
    }
}

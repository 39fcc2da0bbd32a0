package org.newsroom.newsletters.mailer;

import java.net.URI;
import java.time.Duration;
import org.newsroom.core.config.Config;
import org.newsroom.core.secrets.SecretSetting;
import org.newsroom.mail.MailSettings;
import org.newsroom.subscriptions.LinkTokens;

/**
 * Everything the confirmation mailer reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name.
 *
 * @param publicApiUrl the API's public base URL: links go to /subscriptions/confirm and
 *     /unsubscribe
 * @param tokenKeys the Secrets Manager secret holding the link-token key ring ({@code
 *     TOKEN_KEYS_SECRET_ID}); the value is read at run time, never from the environment
 */
public record ConfirmationMailerSettings(
        String subscriptionsTable,
        String newslettersTable,
        SecretSetting tokenKeys,
        Duration confirmTokenTtl,
        MailSettings mail,
        URI publicApiUrl) {

    static final Duration CATALOGUE_CACHE = Duration.ofMinutes(1);

    public static ConfirmationMailerSettings from(Config config) {
        return new ConfirmationMailerSettings(
                config.require("SUBSCRIPTIONS_TABLE"),
                config.require("NEWSLETTERS_TABLE"),
                SecretSetting.require(config, "TOKEN_KEYS_SECRET_ID"),
                config.getSeconds("CONFIRM_TOKEN_TTL_SECONDS", LinkTokens.DEFAULT_CONFIRM_TTL),
                MailSettings.from(config),
                config.requireUrl("PUBLIC_API_URL"));
    }
}

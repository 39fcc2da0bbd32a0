package org.newsroom.newsletters.mailer;

import java.net.URI;
import java.time.Duration;
import org.newsroom.core.config.Config;
import org.newsroom.core.secrets.SecretSetting;
import org.newsroom.mail.MailSettings;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.SendCap;

/**
 * Everything the confirmation mailer reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name.
 *
 * @param publicApiUrl the API's public base URL: links go to /subscriptions/confirm and
 *     /unsubscribe
 * @param tokenKeys the Secrets Manager secret holding the link-token key ring ({@code
 *     TOKEN_KEYS_SECRET_ID}); the value is read at run time, never from the environment
 * @param limitsTable where the send caps and the hourly budget are counted ({@code LIMITS_TABLE})
 * @param confirmationEmails how often one inbox may be sent a confirmation email ({@code
 *     CONFIRM_MIN_INTERVAL_SECONDS}, default 600; {@code CONFIRM_MAX_PER_DAY}, default 3)
 * @param budgetPerHour confirmation emails sent in one hour, all addresses together, before new
 *     ones are held until the next hour ({@code CONFIRM_BUDGET_PER_HOUR}, default 1000; 0 holds
 *     every one)
 * @param holdPause how long a held send waits before it is handed back to the stream for a retry
 *     ({@code CONFIRM_HOLD_PAUSE_SECONDS}, default 45; at most the invocation's remaining time)
 */
public record ConfirmationMailerSettings(
        String subscriptionsTable,
        String newslettersTable,
        SecretSetting tokenKeys,
        Duration confirmTokenTtl,
        MailSettings mail,
        URI publicApiUrl,
        String limitsTable,
        SendCap.Rules confirmationEmails,
        int budgetPerHour,
        Duration holdPause) {

    static final Duration CATALOGUE_CACHE = Duration.ofMinutes(1);

    public static ConfirmationMailerSettings from(Config config) {
        return new ConfirmationMailerSettings(
                config.require("SUBSCRIPTIONS_TABLE"),
                config.require("NEWSLETTERS_TABLE"),
                SecretSetting.require(config, "TOKEN_KEYS_SECRET_ID"),
                config.getSeconds("CONFIRM_TOKEN_TTL_SECONDS", LinkTokens.DEFAULT_CONFIRM_TTL),
                MailSettings.from(config),
                config.requireUrl("PUBLIC_API_URL"),
                config.require("LIMITS_TABLE"),
                SendCap.Rules.from(config),
                config.getInt("CONFIRM_BUDGET_PER_HOUR", 1000, 0, 10_000_000),
                config.getSeconds("CONFIRM_HOLD_PAUSE_SECONDS", Duration.ofSeconds(45)));
    }
}

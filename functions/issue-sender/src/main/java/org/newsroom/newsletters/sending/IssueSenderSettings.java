package org.newsroom.newsletters.sending;

import java.net.URI;
import java.time.Duration;
import org.newsroom.core.config.Config;
import org.newsroom.core.secrets.SecretSetting;
import org.newsroom.mail.MailSettings;

/**
 * Everything the issue sender reads from its environment, checked once at start-up.
 *
 * @param sendRatePerSecond the account's SES rate divided by the sender's maximum concurrency
 * @param maxReceives the send queue's maxReceiveCount: on that delivery, unsent readers count as
 *     failed
 * @param claimLease a claim older than this belongs to a sender that crashed (the function timeout)
 * @param tokenKeys the Secrets Manager secret holding the link-token key ring ({@code
 *     TOKEN_KEYS_SECRET_ID}); the value is read at run time, never from the environment
 * @param pepper the Secrets Manager secret holding the pepper of address ids ({@code
 *     PEPPER_SECRET_ID}): a test copy's unsubscribe link names the editor's address by its id
 */
public record IssueSenderSettings(
        String issuesTable,
        String subscriptionsTable,
        String sendQueueUrl,
        SecretSetting tokenKeys,
        SecretSetting pepper,
        MailSettings mail,
        URI publicApiUrl,
        double sendRatePerSecond,
        int maxReceives,
        Duration claimLease) {

    public static IssueSenderSettings from(Config config) {
        int rate = config.getInt("SEND_RATE", 14, 1, 100_000);
        int concurrency = config.getInt("SENDER_CONCURRENCY", 2, 1, 1000);
        return new IssueSenderSettings(
                config.require("ISSUES_TABLE"),
                config.require("SUBSCRIPTIONS_TABLE"),
                config.require("SEND_QUEUE_URL"),
                SecretSetting.require(config, "TOKEN_KEYS_SECRET_ID"),
                SecretSetting.require(config, "PEPPER_SECRET_ID"),
                MailSettings.from(config),
                config.requireUrl("PUBLIC_API_URL"),
                (double) rate / concurrency,
                config.getInt("SEND_MAX_RECEIVES", 5, 1, 1000),
                config.getSeconds("CLAIM_LEASE_SECONDS", Duration.ofMinutes(2)));
    }
}

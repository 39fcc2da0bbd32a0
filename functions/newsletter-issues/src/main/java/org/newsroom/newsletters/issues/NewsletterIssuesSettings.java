package org.newsroom.newsletters.issues;

import java.time.Duration;
import java.util.Optional;
import org.newsroom.core.config.Config;
import org.newsroom.core.secrets.SecretSetting;
import org.newsroom.mail.MailSettings;

/**
 * Everything the issues API reads from its environment, checked once at start-up.
 *
 * @param publicApiUrl base of the links in emails (view in browser, unsubscribe); empty: the
 *     request's host
 * @param sendQueueUrl the queue the issue sender consumes
 * @param tokenKeys the Secrets Manager secret holding the link-token key ring ({@code
 *     TOKEN_KEYS_SECRET_ID}); the value is read at run time, never from the environment
 * @param pepper the Secrets Manager secret holding the pepper of address ids ({@code
 *     PEPPER_SECRET_ID}): a test copy's unsubscribe link names its address by id
 */
public record NewsletterIssuesSettings(
        String issuesTable,
        String newslettersTable,
        String sendQueueUrl,
        SecretSetting tokenKeys,
        SecretSetting pepper,
        MailSettings mail,
        Optional<String> publicApiUrl) {

    static final Duration CATALOGUE_CACHE = Duration.ofMinutes(1);

    public static NewsletterIssuesSettings from(Config config) {
        return new NewsletterIssuesSettings(
                config.require("ISSUES_TABLE"),
                config.require("NEWSLETTERS_TABLE"),
                config.require("SEND_QUEUE_URL"),
                SecretSetting.require(config, "TOKEN_KEYS_SECRET_ID"),
                SecretSetting.require(config, "PEPPER_SECRET_ID"),
                MailSettings.from(config),
                config.optional("PUBLIC_API_URL")
                        .filter(u -> !u.isBlank())
                        .map(u -> config.requireUrl("PUBLIC_API_URL").toString()));
    }
}

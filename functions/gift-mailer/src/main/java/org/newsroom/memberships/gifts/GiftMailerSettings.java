package org.newsroom.memberships.gifts;

import java.net.URI;
import java.time.Duration;
import org.newsroom.core.config.Config;
import org.newsroom.core.config.ConfigException;
import org.newsroom.mail.MailSettings;
import org.newsroom.memberships.MembershipTableSettings;

/**
 * Everything the gift mailer reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name: the memberships table, the
 * mail settings every sender shares, {@code GIFT_REDEEM_URL} (the page where a recipient enters the
 * code), {@code GIFT_MAIL_LEASE_SECONDS} (how long a claimed job is left to its run before it is
 * due again; default 600, longer than the function's timeout) and {@code GIFT_MAIL_MAX_ATTEMPTS}
 * (claims before a job goes to the dead letters; default 8). It reads no campaign: ending a gift
 * membership never changes a campaign's count.
 */
public record GiftMailerSettings(
        MembershipTableSettings table,
        MailSettings mail,
        URI redeemUrl,
        GiftJobRunner.Retries retries) {

    static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);
    static final int DEFAULT_MAX_ATTEMPTS = 8;

    public static GiftMailerSettings from(Config config) {
        Duration lease = config.getSeconds("GIFT_MAIL_LEASE_SECONDS", DEFAULT_LEASE);
        if (lease.isZero()) {
            throw new ConfigException("Setting GIFT_MAIL_LEASE_SECONDS must be at least 1");
        }
        return new GiftMailerSettings(
                MembershipTableSettings.from(config),
                MailSettings.from(config),
                config.requireUrl("GIFT_REDEEM_URL"),
                new GiftJobRunner.Retries(
                        lease,
                        config.getInt("GIFT_MAIL_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS, 1, 100)));
    }
}

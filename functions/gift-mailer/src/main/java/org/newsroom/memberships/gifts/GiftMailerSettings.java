package org.newsroom.memberships.gifts;

import java.net.URI;
import org.newsroom.core.config.Config;
import org.newsroom.mail.MailSettings;
import org.newsroom.memberships.MembershipTableSettings;

/**
 * Everything the gift mailer reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name: the memberships table, the
 * mail settings every sender shares, and {@code GIFT_REDEEM_URL}, the page where a recipient enters
 * the code. It reads no campaign: ending a gift membership never changes a campaign's count.
 */
public record GiftMailerSettings(MembershipTableSettings table, MailSettings mail, URI redeemUrl) {

    public static GiftMailerSettings from(Config config) {
        return new GiftMailerSettings(
                MembershipTableSettings.from(config),
                MailSettings.from(config),
                config.requireUrl("GIFT_REDEEM_URL"));
    }
}

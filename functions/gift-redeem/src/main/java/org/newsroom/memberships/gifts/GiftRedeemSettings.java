package org.newsroom.memberships.gifts;

import java.time.Duration;
import org.newsroom.core.config.Config;
import org.newsroom.core.secrets.SecretSetting;
import org.newsroom.memberships.MembershipTableSettings;

/**
 * Everything gift redemption reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name: the memberships table,
 * {@code CAMPAIGN_CACHE_SECONDS} (how long the campaign a redeemed gift counts for, read from that
 * table, is reused; default 60), {@code REDEEM_ATTEMPTS_PER_HOUR} (attempts one client address may
 * make per hour, default 10) and the pepper of the client keys ({@code PEPPER_SECRET_ID}, a Secrets
 * Manager secret).
 */
public record GiftRedeemSettings(
        MembershipTableSettings table,
        Duration campaignCacheTtl,
        int attemptsPerWindow,
        SecretSetting pepper) {

    /** The attempt limit's fixed window. */
    public static final Duration WINDOW = Duration.ofHours(1);

    public static GiftRedeemSettings from(Config config) {
        return new GiftRedeemSettings(
                MembershipTableSettings.from(config),
                config.getSeconds("CAMPAIGN_CACHE_SECONDS", Duration.ofSeconds(60)),
                config.getInt("REDEEM_ATTEMPTS_PER_HOUR", 10, 1, 100_000),
                SecretSetting.require(config, "PEPPER_SECRET_ID"));
    }
}

package org.newsroom.memberships.webhook;

import java.time.Duration;
import org.newsroom.core.config.Config;
import org.newsroom.core.secrets.SecretSetting;
import org.newsroom.memberships.MembershipTableSettings;

/**
 * Everything the Stripe webhook reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name: {@code
 * STRIPE_WEBHOOK_SECRET_ID} (the Secrets Manager secret holding the endpoint's signing secrets,
 * read at run time), the memberships table, and {@code CAMPAIGN_CACHE_SECONDS} (how long the
 * campaign read from that table is reused, default 60), and {@code PEPPER_SECRET_ID} (the pepper
 * that keys imported members' ids, which a first paid membership looks up).
 */
public record StripeWebhookSettings(
        SecretSetting webhookSecret,
        MembershipTableSettings table,
        Duration campaignCacheTtl,
        SecretSetting pepper) {

    public static StripeWebhookSettings from(Config config) {
        return new StripeWebhookSettings(
                SecretSetting.require(config, "STRIPE_WEBHOOK_SECRET_ID"),
                MembershipTableSettings.from(config),
                config.getSeconds("CAMPAIGN_CACHE_SECONDS", Duration.ofSeconds(60)),
                SecretSetting.require(config, "PEPPER_SECRET_ID"));
    }
}

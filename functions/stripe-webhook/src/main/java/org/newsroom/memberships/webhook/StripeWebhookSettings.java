package org.newsroom.memberships.webhook;

import org.newsroom.core.config.Config;
import org.newsroom.core.secrets.SecretSetting;
import org.newsroom.memberships.Counting;
import org.newsroom.memberships.MembershipTableSettings;

/**
 * Everything the Stripe webhook reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name: {@code
 * STRIPE_WEBHOOK_SECRET_ID} (the Secrets Manager secret holding the endpoint's signing secrets,
 * read at run time), the memberships table, and the campaign new memberships count for.
 */
public record StripeWebhookSettings(
        SecretSetting webhookSecret, MembershipTableSettings table, Counting counting) {

    public static StripeWebhookSettings from(Config config) {
        return new StripeWebhookSettings(
                SecretSetting.require(config, "STRIPE_WEBHOOK_SECRET_ID"),
                MembershipTableSettings.from(config),
                Counting.from(config));
    }
}

package org.newsroom.memberships.webhook;

import org.newsroom.core.config.Config;
import org.newsroom.memberships.Counting;
import org.newsroom.memberships.MembershipTableSettings;

/**
 * Everything the Stripe webhook reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name: {@code
 * STRIPE_WEBHOOK_SECRET} (the endpoint's signing secret), the memberships table, and the campaign
 * new memberships count for.
 */
public record StripeWebhookSettings(
        String webhookSecret, MembershipTableSettings table, Counting counting) {

    public static StripeWebhookSettings from(Config config) {
        return new StripeWebhookSettings(
                config.require("STRIPE_WEBHOOK_SECRET"),
                MembershipTableSettings.from(config),
                Counting.from(config));
    }

    @Override
    public String toString() {
        return "StripeWebhookSettings[webhookSecret=redacted, table=" + table + "]";
    }
}

package org.newsroom.memberships.webhook;

import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of stripe-webhook (see {@link Priming}): an unsigned event (refused 400 before
 * any write), then a GetItem of a key no membership has.
 */
final class StripeWebhookPriming {

    private StripeWebhookPriming() {}

    /** Registers the priming of {@code handler}, built by Lambda from {@code environment}. */
    static void register(StripeWebhookHandler handler, Map<String, String> environment) {
        Priming.register(
                "stripe-webhook",
                () -> {
                    Priming.http(
                            handler, "POST /webhooks/stripe", "/webhooks/stripe", Map.of(), "{}");
                    Priming.readMissingItem(
                            AwsClients.dynamoDb(),
                            StripeWebhookSettings.from(Config.from(environment)).table().table());
                });
    }
}

package org.newsroom.newsletters.bounces;

import org.newsroom.core.config.Config;
import org.newsroom.core.secrets.SecretSetting;

/**
 * Everything the bounce handler reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name.
 *
 * @param subscriptionsTable where suppressions are recorded
 * @param pepper the Secrets Manager secret holding the pepper of address ids ({@code
 *     PEPPER_SECRET_ID}), so a suppression lands on the address's key
 */
public record BounceHandlerSettings(String subscriptionsTable, SecretSetting pepper) {

    public static BounceHandlerSettings from(Config config) {
        return new BounceHandlerSettings(
                config.require("SUBSCRIPTIONS_TABLE"),
                SecretSetting.require(config, "PEPPER_SECRET_ID"));
    }
}

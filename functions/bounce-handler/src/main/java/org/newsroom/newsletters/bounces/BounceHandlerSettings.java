package org.newsroom.newsletters.bounces;

import org.newsroom.core.config.Config;

/**
 * Everything the bounce handler reads from its environment, checked once at start-up so a
 * misconfigured deployment fails its cold start with the setting's name.
 *
 * @param subscriptionsTable where suppressions are recorded
 */
public record BounceHandlerSettings(String subscriptionsTable) {

    public static BounceHandlerSettings from(Config config) {
        return new BounceHandlerSettings(config.require("SUBSCRIPTIONS_TABLE"));
    }
}

package org.newsroom.newsletters.bounces;

import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of bounce-handler (see {@link Priming}): a notification batch with no records
 * (parsed and handled: nothing suppressed), then a GetItem of a key no subscription has.
 */
final class BounceHandlerPriming {

    private BounceHandlerPriming() {}

    /** Registers the priming of {@code handler}, built by Lambda from {@code environment}. */
    static void register(BounceHandler handler, Map<String, String> environment) {
        Priming.register(
                "bounce-handler",
                () -> {
                    Priming.stream(handler, "{\"Records\":[]}");
                    Priming.readMissingItem(
                            AwsClients.dynamoDb(),
                            BounceHandlerSettings.from(Config.from(environment))
                                    .subscriptionsTable());
                });
    }
}

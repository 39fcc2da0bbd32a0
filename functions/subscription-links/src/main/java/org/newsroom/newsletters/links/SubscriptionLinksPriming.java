package org.newsroom.newsletters.links;

import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of subscription-links (see {@link Priming}): the unsubscribe page without a
 * token (a GET, which never changes state), an SES client built and dropped (the function builds
 * its own on its first email), then a GetItem of a key no subscription has.
 */
final class SubscriptionLinksPriming {

    private SubscriptionLinksPriming() {}

    /** Registers the priming of {@code handler}, built by Lambda from {@code environment}. */
    static void register(SubscriptionLinksHandler handler, Map<String, String> environment) {
        Priming.register(
                "subscription-links",
                () -> {
                    Priming.http(
                            handler,
                            "GET " + LinkPages.UNSUBSCRIBE_PATH,
                            LinkPages.UNSUBSCRIBE_PATH,
                            Map.of(),
                            null);
                    // SES is reached on the first erase or export email; signing a request here
                    // puts what a send loads into the snapshot, sending nothing.
                    AwsClients.sesV2().prime();
                    Priming.readMissingItem(
                            AwsClients.dynamoDb(),
                            SubscriptionLinksSettings.from(Config.from(environment))
                                    .subscriptionsTable());
                });
    }
}

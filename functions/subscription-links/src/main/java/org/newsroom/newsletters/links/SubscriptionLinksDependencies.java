package org.newsroom.newsletters.links;

import java.time.Clock;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.subscriptions.CachedNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbSendCap;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.NewsletterCatalogue;
import org.newsroom.subscriptions.TokenKeyRing;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The links handler's collaborators as deployed, in the order its test constructor takes them.
 * Built once per container, from the settings, so the handler itself never sees an SDK client.
 */
record SubscriptionLinksDependencies(
        SubscriptionLinks links,
        LinkTokens tokens,
        NewsletterCatalogue catalogue,
        SubscriptionLinksSettings settings,
        Clock clock,
        Log log,
        Metrics metrics) {

    static SubscriptionLinksDependencies create(SubscriptionLinksSettings settings) {
        DynamoDbClient dynamo = AwsClients.dynamoDb();
        Clock clock = Clock.systemUTC();
        return new SubscriptionLinksDependencies(
                new SubscriptionLinks(
                        new DynamoDbSubscriptionRepository(dynamo, settings.subscriptionsTable()),
                        new DynamoDbSendCap(dynamo, settings.limitsTable())::forget),
                new LinkTokens(
                        settings.tokenKeys().openInSecretsManager(TokenKeyRing::parseSecret),
                        settings.confirmTokenTtl()),
                new CachedNewsletterCatalogue(
                        new DynamoDbNewsletterCatalogue(dynamo, settings.newslettersTable()),
                        clock,
                        SubscriptionLinksSettings.CATALOGUE_CACHE),
                settings,
                clock,
                new Log("subscription-links"),
                new Metrics("subscription-links"));
    }

    /**
     * The link-token key ring, read at run time from the Secrets Manager secret the settings name
     * and cached for {@code SECRETS_CACHE_SECONDS}.
     */
}

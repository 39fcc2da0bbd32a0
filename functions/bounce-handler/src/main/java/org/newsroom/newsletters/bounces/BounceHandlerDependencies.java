package org.newsroom.newsletters.bounces;

import java.time.Clock;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.secrets.CachedSecret;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.SubscriptionRepository;

/**
 * The bounce handler's collaborators as deployed, in the order its test constructor takes them.
 * Built once per container, from the settings, so the handler itself never sees an SDK client.
 */
record BounceHandlerDependencies(
        SubscriptionRepository repository,
        AddressKeys keys,
        Clock clock,
        Log log,
        Metrics metrics) {

    static BounceHandlerDependencies create(BounceHandlerSettings settings) {
        // Every suppression is keyed by the address's peppered id: the pepper is read while the
        // DynamoDB client is built.
        CachedSecret<byte[]> pepper =
                settings.pepper().readAheadInSecretsManager(Pepper::parseSecret);
        return new BounceHandlerDependencies(
                new DynamoDbSubscriptionRepository(
                        AwsClients.dynamoDb(), settings.subscriptionsTable()),
                new AddressKeys(new Pepper(pepper)),
                Clock.systemUTC(),
                new Log("bounce-handler"),
                new Metrics("bounce-handler"));
    }
}

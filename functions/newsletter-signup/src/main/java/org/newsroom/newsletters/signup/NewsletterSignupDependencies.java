package org.newsroom.newsletters.signup;

import java.time.Clock;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.limits.ClientKeys;
import org.newsroom.core.limits.DynamoDbRateLimiter;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.subscriptions.CachedNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.LimitItems;
import org.newsroom.subscriptions.NewsletterCatalogue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The signup handler's collaborators as deployed, in the order its test constructor takes them.
 * Built once per container, from the settings, so the handler itself never sees an SDK client.
 */
record NewsletterSignupDependencies(
        NewsletterCatalogue catalogue,
        SignupService signups,
        ClientRateLimit rateLimit,
        TurnstileVerifier turnstile,
        NewsletterSignupSettings settings,
        Clock clock,
        Log log,
        Metrics metrics) {

    static NewsletterSignupDependencies create(NewsletterSignupSettings settings) {
        DynamoDbClient dynamo = AwsClients.dynamoDb();
        Clock clock = Clock.systemUTC();
        Pepper pepper = Pepper.inSecretsManager(settings.pepper());
        return new NewsletterSignupDependencies(
                new CachedNewsletterCatalogue(
                        new DynamoDbNewsletterCatalogue(dynamo, settings.newslettersTable()),
                        clock,
                        settings.catalogueCache()),
                new SignupService(
                        new DynamoDbSubscriptionRepository(dynamo, settings.subscriptionsTable()),
                        new AddressKeys(pepper),
                        settings.unconfirmedTtl()),
                new ClientRateLimit(
                        new DynamoDbRateLimiter(
                                dynamo,
                                settings.limitsTable(),
                                LimitItems.RATE_LAYOUT,
                                LimitItems.RATE_PREFIX,
                                settings.rateLimit(),
                                settings.rateWindow()),
                        new ClientKeys(pepper)),
                settings.turnstileSecret()
                        .map(secret -> secret.openInSecretsManager(String::trim))
                        .<TurnstileVerifier>map(HttpTurnstileVerifier::new)
                        .orElse(TurnstileVerifier.DISABLED),
                settings,
                clock,
                new Log("newsletter-signup"),
                new Metrics("newsletter-signup"));
    }
}

package org.newsroom.newsletters.links;

import java.net.URI;
import java.time.Clock;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.mail.MailSender;
import org.newsroom.mail.SesMailSender;
import org.newsroom.memberships.DynamoDbMemberLookup;
import org.newsroom.subscriptions.CachedNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbSendCap;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.NewsletterCatalogue;
import org.newsroom.subscriptions.SubscriptionRepository;
import org.newsroom.subscriptions.TokenKeyRing;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The links handler's collaborators as deployed, in the order its test constructor takes them.
 * Built once per container, from the settings, so the handler itself never sees an SDK client.
 *
 * <p>Erase and export links are sent here, directly through {@code shared/mail}, rather than by the
 * confirmation mailer: the reader is waiting on the page, the email has no newsletter content, and
 * the mailer's stream filter and retries are built around confirmation requests.
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
        SubscriptionRepository repository =
                new DynamoDbSubscriptionRepository(dynamo, settings.subscriptionsTable());
        DynamoDbSendCap sendCap = new DynamoDbSendCap(dynamo, settings.limitsTable());
        AddressKeys keys = new AddressKeys(Pepper.inSecretsManager(settings.pepper()));
        LinkTokens tokens =
                new LinkTokens(
                        settings.tokenKeys().openInSecretsManager(TokenKeyRing::parseSecret),
                        settings.confirmTokenTtl());
        DataLinks dataLinks =
                new DataLinks(
                        repository,
                        sendCap,
                        settings.sendCapRules(),
                        keys,
                        tokens,
                        // Most requests are page views and unsubscribes, which send nothing.
                        MailSender.lazy(
                                () ->
                                        SesMailSender.create(
                                                AwsClients.sesV2(),
                                                settings.mail().configurationSet())),
                        settings.mail().from(),
                        settings.publisherName(),
                        settings.publicApiUrl().map(URI::toString));
        DynamoDbMemberLookup members =
                new DynamoDbMemberLookup(dynamo, settings.membershipsTable());
        return new SubscriptionLinksDependencies(
                new SubscriptionLinks(
                        repository,
                        address -> sendCap.forget(keys.mailboxId(address)),
                        dataLinks,
                        new DataExport(DataExport.Memberships.of(members::find))),
                tokens,
                new CachedNewsletterCatalogue(
                        new DynamoDbNewsletterCatalogue(dynamo, settings.newslettersTable()),
                        clock,
                        SubscriptionLinksSettings.CATALOGUE_CACHE),
                settings,
                clock,
                new Log("subscription-links"),
                new Metrics("subscription-links"));
    }
}

package org.newsroom.memberships.webhook;

import java.time.Clock;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.memberships.Counting;
import org.newsroom.memberships.DynamoDbCampaignStore;
import org.newsroom.memberships.DynamoDbGiftRepository;
import org.newsroom.memberships.DynamoDbMemberRepository;
import org.newsroom.memberships.DynamoDbProcessedEvents;
import org.newsroom.memberships.ImportIds;
import org.newsroom.memberships.MembershipService;
import org.newsroom.memberships.MembershipTable;
import org.newsroom.memberships.StripeSignature;
import org.newsroom.memberships.StripeWebhookSecrets;

/**
 * The webhook handler's collaborators as deployed, in the order its test constructor takes them.
 * Built once per container, from the settings, so the handler itself never sees an SDK client.
 */
record StripeWebhookDependencies(
        StripeSignature signature, StripeEventProcessor processor, Log log, Metrics metrics) {

    static StripeWebhookDependencies create(StripeWebhookSettings settings) {
        Clock clock = Clock.systemUTC();
        MembershipTable table =
                MembershipTable.create(AwsClients.dynamoDb(), settings.table(), clock);
        return new StripeWebhookDependencies(
                new StripeSignature(
                        settings.webhookSecret().openInSecretsManager(StripeWebhookSecrets::parse),
                        StripeSignature.DEFAULT_TOLERANCE,
                        clock),
                new StripeEventProcessor(
                        new MembershipService(
                                new DynamoDbMemberRepository(table),
                                new DynamoDbGiftRepository(table),
                                new DynamoDbProcessedEvents(table),
                                Counting.fromStore(
                                        new DynamoDbCampaignStore(table, clock),
                                        settings.campaignCacheTtl(),
                                        clock),
                                ImportIds.peppered(
                                        new AddressKeys(
                                                Pepper.inSecretsManager(settings.pepper()))),
                                clock)),
                new Log("stripe-webhook"),
                new Metrics("stripe-webhook"));
    }
}

package org.newsroom.memberships.gifts;

import java.time.Clock;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.limits.ClientKeys;
import org.newsroom.core.limits.DynamoDbRateLimiter;
import org.newsroom.core.limits.RateLimiter;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.memberships.Counting;
import org.newsroom.memberships.DynamoDbCampaignStore;
import org.newsroom.memberships.DynamoDbGiftRepository;
import org.newsroom.memberships.GiftRedemption;
import org.newsroom.memberships.MembershipItems;
import org.newsroom.memberships.MembershipTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The redemption handler's collaborators as deployed, in the order its test constructor takes them.
 * Built once per container, from the settings, so the handler itself never sees an SDK client.
 */
record GiftRedeemDependencies(
        GiftRedemption redemption,
        RateLimiter attempts,
        ClientKeys clientKeys,
        Clock clock,
        Log log,
        Metrics metrics) {

    static GiftRedeemDependencies create(GiftRedeemSettings settings) {
        DynamoDbClient dynamo = AwsClients.dynamoDb();
        Clock clock = Clock.systemUTC();
        MembershipTable table = MembershipTable.create(dynamo, settings.table(), clock);
        return new GiftRedeemDependencies(
                new GiftRedemption(
                        new DynamoDbGiftRepository(table),
                        Counting.fromStore(
                                new DynamoDbCampaignStore(table, clock),
                                settings.campaignCacheTtl(),
                                clock),
                        clock),
                new DynamoDbRateLimiter(
                        dynamo,
                        settings.table().table(),
                        MembershipItems.rateLayout(),
                        "redeem#",
                        settings.attemptsPerWindow(),
                        GiftRedeemSettings.WINDOW),
                new ClientKeys(Pepper.inSecretsManager(settings.pepper())),
                clock,
                new Log("gift-redeem"),
                new Metrics("gift-redeem"));
    }
}

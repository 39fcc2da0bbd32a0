package org.newsroom.memberships.gifts;

import java.time.Clock;
import java.util.EnumSet;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.aws.DynamoDbModels.Operation;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.priming.ModelsAndTemplates;
import org.newsroom.mail.SesMailSender;
import org.newsroom.memberships.Counting;
import org.newsroom.memberships.DynamoDbGiftJobQueue;
import org.newsroom.memberships.DynamoDbGiftRepository;
import org.newsroom.memberships.DynamoDbMemberRepository;
import org.newsroom.memberships.DynamoDbProcessedEvents;
import org.newsroom.memberships.GiftRepository;
import org.newsroom.memberships.ImportIds;
import org.newsroom.memberships.MembershipService;
import org.newsroom.memberships.MembershipTable;

/**
 * The gift mailer's collaborators as deployed, in the order its test constructor takes them. Built
 * once per container, from the settings, so the handler itself never sees an SDK client.
 */
record GiftMailerDependencies(GiftJobRunner runner, Log log) {

    static GiftMailerDependencies create(GiftMailerSettings settings) {
        // Beside the client: the models of the calls a run makes, and its emails.
        ModelsAndTemplates.warmUp(
                "gift-mailer-warm-up",
                EnumSet.of(
                        Operation.QUERY,
                        Operation.GET_ITEM,
                        Operation.UPDATE_ITEM,
                        Operation.DELETE_ITEM,
                        Operation.TRANSACT_WRITE_ITEMS),
                GiftEmails.class,
                "recipient.text.mustache",
                "recipient.html.mustache",
                "receipt.text.mustache",
                "receipt.html.mustache");
        Clock clock = Clock.systemUTC();
        Log log = new Log("gift-mailer");
        MembershipTable table =
                MembershipTable.create(AwsClients.dynamoDb(), settings.table(), clock);
        GiftRepository gifts = new DynamoDbGiftRepository(table);
        // Ending a gift membership counts supporters only: campaigns count joins, not ends.
        MembershipService memberships =
                new MembershipService(
                        new DynamoDbMemberRepository(table),
                        gifts,
                        new DynamoDbProcessedEvents(table),
                        Counting.supportersOnly(),
                        // It never starts a membership from an address, so it has no pepper.
                        ImportIds.notUsed(),
                        clock);
        GiftJobRunner runner =
                new GiftJobRunner(
                        new DynamoDbGiftJobQueue(table),
                        gifts,
                        memberships,
                        SesMailSender.create(
                                AwsClients.sesV2(), settings.mail().configurationSet()),
                        new GiftEmails(
                                settings.mail().from(),
                                settings.mail().publisherName(),
                                settings.redeemUrl().toString()),
                        settings.retries(),
                        clock,
                        log,
                        new Metrics("gift-mailer"));
        return new GiftMailerDependencies(runner, log);
    }
}

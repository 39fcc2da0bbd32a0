package org.newsroom.newsletters.mailer;

import java.time.Clock;
import java.util.EnumSet;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.aws.DynamoDbModels.Operation;
import org.newsroom.core.limits.DynamoDbRateLimiter;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.priming.ModelsAndTemplates;
import org.newsroom.mail.MailSender;
import org.newsroom.mail.SesMailSender;
import org.newsroom.subscriptions.CachedNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbSendCap;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.LimitItems;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.TokenKeyRing;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The mailer handler's collaborators as deployed, in the order its test constructor takes them.
 * Built once per container, from the settings, so the handler itself never sees an SDK client.
 */
record ConfirmationMailerDependencies(
        ConfirmationMailer mailer, HoldPause holdPause, Clock clock, Log log, Metrics metrics) {

    static ConfirmationMailerDependencies create(ConfirmationMailerSettings settings) {
        // Beside the client: the models of the calls a confirmation makes, and its email.
        ModelsAndTemplates.warmUp(
                "confirmation-mailer-warm-up",
                EnumSet.of(
                        Operation.QUERY,
                        Operation.GET_ITEM,
                        Operation.UPDATE_ITEM,
                        Operation.PUT_ITEM),
                ConfirmationEmail.class,
                "confirmation.text.mustache",
                "confirmation.html.mustache");
        DynamoDbClient dynamo = AwsClients.dynamoDb();
        Clock clock = Clock.systemUTC();
        return new ConfirmationMailerDependencies(
                new ConfirmationMailer(
                        new DynamoDbSubscriptionRepository(dynamo, settings.subscriptionsTable()),
                        new CachedNewsletterCatalogue(
                                new DynamoDbNewsletterCatalogue(
                                        dynamo, settings.newslettersTable()),
                                clock,
                                ConfirmationMailerSettings.CATALOGUE_CACHE),
                        new LinkTokens(
                                settings.tokenKeys()
                                        .openInSecretsManager(TokenKeyRing::parseSecret),
                                settings.confirmTokenTtl()),
                        // Built on the first email: most stream records (the mailer's own claims
                        // and marks, confirmations, unsubscribes) send nothing.
                        MailSender.lazy(
                                () ->
                                        SesMailSender.create(
                                                AwsClients.sesV2(),
                                                settings.mail().configurationSet())),
                        new ConfirmationMailer.Limits(
                                new DynamoDbSendCap(dynamo, settings.limitsTable()),
                                settings.confirmationEmails(),
                                ConfirmationBudget.of(
                                        settings.budgetPerHour(),
                                        new DynamoDbRateLimiter(
                                                dynamo,
                                                settings.limitsTable(),
                                                LimitItems.RATE_LAYOUT,
                                                LimitItems.BUDGET_PREFIX,
                                                Math.max(1, settings.budgetPerHour()),
                                                ConfirmationBudget.WINDOW))),
                        new ConfirmationMailer.Sender(
                                settings.mail().from(),
                                settings.mail().publisherName(),
                                settings.publicApiUrl().toString())),
                HoldPause.sleeping(settings.holdPause()),
                clock,
                new Log("confirmation-mailer"),
                new Metrics("confirmation-mailer"));
    }
}

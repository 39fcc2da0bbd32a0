package org.newsroom.newsletters.sending;

import java.time.Clock;
import java.util.function.UnaryOperator;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.issues.DynamoDbIssueRepository;
import org.newsroom.issues.SqsSendQueue;
import org.newsroom.mail.MailSender;
import org.newsroom.mail.SesMailSender;
import org.newsroom.subscriptions.ConfirmedReaders;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.TokenKeyRing;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The sender handler's collaborators as deployed, in the order its test constructor takes them.
 * Built once per container, from the settings, so the handler itself never sees an SDK client.
 */
record IssueSenderDependencies(IssueSender sender, double ratePerSecond, Log log) {

    /**
     * The deployed collaborators, the mail sender passed through {@code decorator} (the identity,
     * except in the local stack's tests that inject SES failures).
     */
    static IssueSenderDependencies create(
            IssueSenderSettings settings, UnaryOperator<MailSender> decorator) {
        DynamoDbClient dynamo = AwsClients.dynamoDb();
        Clock clock = Clock.systemUTC();
        return new IssueSenderDependencies(
                new IssueSender(
                        new DynamoDbIssueRepository(dynamo, settings.issuesTable()),
                        new ConfirmedReaders(dynamo, settings.subscriptionsTable()),
                        new SqsSendQueue(AwsClients.sqs(), settings.sendQueueUrl()),
                        decorator.apply(
                                SesMailSender.create(
                                        AwsClients.sesV2(), settings.mail().configurationSet())),
                        settings.mail(),
                        new LinkTokens(
                                settings.tokenKeys()
                                        .openInSecretsManager(TokenKeyRing::parseSecret),
                                LinkTokens.DEFAULT_CONFIRM_TTL),
                        settings.publicApiUrl().toString().replaceAll("/+$", ""),
                        settings.maxReceives(),
                        settings.claimLease(),
                        clock,
                        new Metrics("issue-sender")),
                settings.sendRatePerSecond(),
                new Log("issue-sender"));
    }

    /**
     * The link-token key ring, read at run time from the Secrets Manager secret the settings name
     * and cached for {@code SECRETS_CACHE_SECONDS}.
     */
}

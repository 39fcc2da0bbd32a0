package org.newsroom.newsletters.sending;

import java.time.Clock;
import java.util.EnumSet;
import java.util.function.UnaryOperator;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.aws.DynamoDbModels.Operation;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.priming.ModelsAndTemplates;
import org.newsroom.core.secrets.SecretSource;
import org.newsroom.core.secrets.SecretsManagerSource;
import org.newsroom.issues.DynamoDbIssueRepository;
import org.newsroom.issues.IssueEmail;
import org.newsroom.issues.IssueRepository;
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
        // Beside the client: the models of the calls a batch makes, and the issue's email.
        ModelsAndTemplates.warmUp(
                "issue-sender-warm-up",
                EnumSet.of(
                        Operation.GET_ITEM,
                        Operation.PUT_ITEM,
                        Operation.UPDATE_ITEM,
                        Operation.QUERY,
                        Operation.BATCH_GET_ITEM,
                        Operation.TRANSACT_WRITE_ITEMS),
                IssueEmail.class,
                "issue.text.mustache",
                "issue.html.mustache");
        DynamoDbClient dynamo = AwsClients.dynamoDb();
        Clock clock = Clock.systemUTC();
        IssueRepository issues = new DynamoDbIssueRepository(dynamo, settings.issuesTable());
        MailSender mail =
                decorator.apply(
                        // Built on the first email: the jobs that start a send and page through
                        // its readers only enqueue.
                        MailSender.lazy(
                                () ->
                                        SesMailSender.create(
                                                AwsClients.sesV2(),
                                                settings.mail().configurationSet())));
        // Both secrets through one Secrets Manager client, built on the first read: a test copy
        // reads the key ring and the pepper, and builds one client for them instead of two.
        SecretSource secrets = new SecretsManagerSource(AwsClients::secretsManager);
        LinkTokens tokens =
                new LinkTokens(
                        settings.tokenKeys().open(secrets, TokenKeyRing::parseSecret),
                        LinkTokens.DEFAULT_CONFIRM_TTL);
        String linkBase = settings.publicApiUrl().toString().replaceAll("/+$", "");
        Metrics metrics = new Metrics("issue-sender");
        return new IssueSenderDependencies(
                new IssueSender(
                        issues,
                        new ConfirmedReaders(dynamo, settings.subscriptionsTable()),
                        // Built on the first enqueue: a batch of readers, the usual job and the
                        // first one after a cold start, sends mail without touching the queue.
                        new SqsSendQueue(AwsClients::sqs, settings.sendQueueUrl()),
                        mail,
                        settings.mail(),
                        tokens,
                        linkBase,
                        settings.maxReceives(),
                        settings.claimLease(),
                        clock,
                        metrics,
                        new TestCopySender(
                                issues,
                                mail,
                                settings.mail(),
                                tokens,
                                // Read at the first test copy, not at a cold start.
                                new AddressKeys(
                                        new Pepper(
                                                settings.pepper()
                                                        .open(secrets, Pepper::parseSecret))),
                                linkBase,
                                settings.claimLease(),
                                clock,
                                metrics)),
                settings.sendRatePerSecond(),
                new Log("issue-sender"));
    }
}

package org.newsroom.newsletters.issues;

import java.time.Clock;
import java.util.Optional;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.issues.DynamoDbIssueRepository;
import org.newsroom.issues.SqsSendQueue;
import org.newsroom.subscriptions.CachedNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbNewsletterCatalogue;
import org.newsroom.subscriptions.NewsletterCatalogue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The issues handler's collaborators as deployed, in the order its test constructor takes them.
 * Built once per container, from the settings, so the handler itself never sees an SDK client.
 */
record NewsletterIssuesDependencies(
        IssueService service,
        NewsletterCatalogue catalogue,
        Optional<String> publicApiUrl,
        String publisher,
        Clock clock,
        Log log,
        Metrics metrics) {

    static NewsletterIssuesDependencies create(NewsletterIssuesSettings settings) {
        DynamoDbClient dynamo = AwsClients.dynamoDb();
        Clock clock = Clock.systemUTC();
        return new NewsletterIssuesDependencies(
                new IssueService(
                        new DynamoDbIssueRepository(dynamo, settings.issuesTable()),
                        // Built on first use: only sending an issue or asking for a test copy
                        // needs it, not the drafts and lists most requests are.
                        new SqsSendQueue(AwsClients::sqs, settings.sendQueueUrl())),
                new CachedNewsletterCatalogue(
                        new DynamoDbNewsletterCatalogue(dynamo, settings.newslettersTable()),
                        clock,
                        NewsletterIssuesSettings.CATALOGUE_CACHE),
                settings.publicApiUrl(),
                settings.publisherName(),
                clock,
                new Log("newsletter-issues"),
                new Metrics("newsletter-issues"));
    }
}

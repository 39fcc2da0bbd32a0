package org.newsroom.newsletters.issues;

import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of newsletter-issues (see {@link Priming}): the issue list of a newsletter
 * without credentials (refused before any read), its SQS and SES clients built and dropped, then a
 * GetItem of a key no issue has.
 */
final class NewsletterIssuesPriming {

    private NewsletterIssuesPriming() {}

    /** Registers the priming of {@code handler}, built by Lambda from {@code environment}. */
    static void register(NewsletterIssuesHandler handler, Map<String, String> environment) {
        Priming.register(
                "newsletter-issues",
                () -> {
                    Priming.http(
                            handler,
                            "GET /newsletters/{id}/issues",
                            "/newsletters/snapstart-priming/issues",
                            Map.of("id", "snapstart-priming"),
                            null);
                    // Its SQS and SES clients are built on first use; building them here (and
                    // dropping them) puts their classes into the snapshot, sending nothing.
                    AwsClients.sqs().close();
                    AwsClients.sesV2().close();
                    Priming.readMissingItem(
                            AwsClients.dynamoDb(),
                            NewsletterIssuesSettings.from(Config.from(environment)).issuesTable());
                });
    }
}

package org.newsroom.newsletters.issues;

import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of newsletter-issues (see {@link Priming}): the issue list of a newsletter
 * without credentials (refused before any read), its SQS client built and dropped, then a GetItem
 * of a key no issue has.
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
                    // Its SQS client is built on first use; building it here (and dropping it)
                    // puts its classes into the snapshot, sending nothing.
                    AwsClients.sqs().close();
                    Priming.readMissingItem(
                            AwsClients.dynamoDb(),
                            NewsletterIssuesSettings.from(Config.from(environment)).issuesTable());
                });
    }
}

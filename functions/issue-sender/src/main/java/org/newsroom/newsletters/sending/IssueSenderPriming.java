package org.newsroom.newsletters.sending;

import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of issue-sender (see {@link Priming}): a queue batch with no messages (parsed
 * and handled: nothing sent), its SQS and SES clients built and dropped, then a GetItem of a key no
 * issue has.
 */
final class IssueSenderPriming {

    private IssueSenderPriming() {}

    /** Registers the priming of {@code handler}, built by Lambda from {@code environment}. */
    static void register(IssueSenderHandler handler, Map<String, String> environment) {
        Priming.register(
                "issue-sender",
                () -> {
                    Priming.stream(handler, "{\"Records\":[]}");
                    // Its SQS client is built and SES reached on first use; building the one and
                    // signing a request to the other here puts their classes into the snapshot,
                    // sending nothing.
                    AwsClients.sqs().close();
                    AwsClients.sesV2().prime();
                    Priming.readMissingItem(
                            AwsClients.dynamoDb(),
                            IssueSenderSettings.from(Config.from(environment)).issuesTable());
                });
    }
}

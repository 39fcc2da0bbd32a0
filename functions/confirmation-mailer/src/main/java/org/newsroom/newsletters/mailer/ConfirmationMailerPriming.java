package org.newsroom.newsletters.mailer;

import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of confirmation-mailer (see {@link Priming}): a stream batch with no records
 * (parsed and handled: nothing sent), its SES client built and dropped, then a Query of a partition
 * no address has (the mailer reads an address's records with one Query, and gets no single item).
 */
final class ConfirmationMailerPriming {

    private ConfirmationMailerPriming() {}

    /** Registers the priming of {@code handler}, built by Lambda from {@code environment}. */
    static void register(ConfirmationMailerHandler handler, Map<String, String> environment) {
        Priming.register(
                "confirmation-mailer",
                () -> {
                    Priming.stream(handler, "{\"Records\":[]}");
                    // SES is reached on the first email; signing a request here puts what a
                    // send loads into the snapshot, sending nothing.
                    AwsClients.sesV2().prime();
                    Priming.queryMissingPartition(
                            AwsClients.dynamoDb(),
                            ConfirmationMailerSettings.from(Config.from(environment))
                                    .subscriptionsTable());
                });
    }
}

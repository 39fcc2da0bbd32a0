package org.newsroom.memberships.gifts;

import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of gift-mailer (see {@link Priming}): only a GetItem of a key no gift has: its
 * one event (the schedule) would send the gift mails that are due, which is real work, not priming.
 */
final class GiftMailerPriming {

    private GiftMailerPriming() {}

    /** Registers the priming of {@code handler}, built by Lambda from {@code environment}. */
    static void register(GiftMailerHandler handler, Map<String, String> environment) {
        Priming.register(
                "gift-mailer",
                () ->
                        Priming.readMissingItem(
                                AwsClients.dynamoDb(),
                                GiftMailerSettings.from(Config.from(environment)).table().table()));
    }
}

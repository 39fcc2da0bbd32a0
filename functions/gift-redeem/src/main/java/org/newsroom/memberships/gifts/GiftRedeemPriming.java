package org.newsroom.memberships.gifts;

import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of gift-redeem (see {@link Priming}): a redemption with no code (refused 400 by
 * validation, nothing written), then a GetItem of a key no gift has.
 */
final class GiftRedeemPriming {

    private GiftRedeemPriming() {}

    /** Registers the priming of {@code handler}, built by Lambda from {@code environment}. */
    static void register(GiftRedeemHandler handler, Map<String, String> environment) {
        Priming.register(
                "gift-redeem",
                () -> {
                    Priming.http(handler, "POST /gifts/redeem", "/gifts/redeem", Map.of(), "{}");
                    Priming.readMissingItem(
                            AwsClients.dynamoDb(),
                            GiftRedeemSettings.from(Config.from(environment)).table().table());
                });
    }
}

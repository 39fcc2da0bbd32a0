package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.local.it.LocalStackSupport.stack;
import static org.newsroom.local.it.StripeEvents.unique;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.newsroom.core.config.Config;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.memberships.Counting;
import org.newsroom.memberships.DynamoDbGiftJobQueue;
import org.newsroom.memberships.DynamoDbGiftRepository;
import org.newsroom.memberships.Gift;
import org.newsroom.memberships.GiftCodes;
import org.newsroom.memberships.GiftJob;
import org.newsroom.memberships.GiftRedemption;
import org.newsroom.memberships.MembershipTable;
import org.newsroom.memberships.MembershipTableSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A refused redemption on the local stack's emulator: the cancelled transaction brings the gift
 * back as it found it (ReturnValuesOnConditionCheckFailure), so the reason is told from it, in the
 * same two calls as an accepted redemption (the code's lookup and the transaction), with no read of
 * the gift after the refusal.
 */
class GiftRedemptionCallsIT {

    private static final Clock CLOCK = Clock.systemUTC();

    private final AtomicInteger calls = new AtomicInteger();
    private final DynamoDbClient dynamo =
            EmulatorClients.counting(stack().emulatorEndpoint(), calls);
    private final MembershipTable table =
            MembershipTable.create(
                    dynamo,
                    MembershipTableSettings.from(
                            Config.from(
                                    stack().functions().get("GiftRedeemFunction").environment())),
                    CLOCK);
    private final DynamoDbGiftRepository gifts = new DynamoDbGiftRepository(table);
    private final GiftRedemption redemption =
            new GiftRedemption(gifts, Counting.supportersOnly(), CLOCK);

    @AfterEach
    void close() {
        dynamo.close();
    }

    /** A gift issued with a code, as the gift mailer leaves it (its mail due tomorrow). */
    private String issuedGift() {
        String giftId = unique("pi");
        Instant now = CLOCK.instant();
        GiftJob tomorrow =
                GiftJob.due(giftId, GiftJob.Kind.RECIPIENT_MAIL, now.plus(Duration.ofDays(1)));
        gifts.writeGift(
                unique("evt"),
                Gift.builder(giftId, Gift.State.PAID, now)
                        .recipientEmail(unique("friend").toLowerCase() + "@example.org")
                        .purchasedAt(now)
                        .expiresAt(now.plus(Duration.ofDays(400)))
                        .build(),
                List.of(tomorrow));
        String code = GiftCodes.generate();
        assertTrue(
                new DynamoDbGiftJobQueue(table)
                        .claimIssuingCode(
                                tomorrow,
                                gifts.findGift(giftId).orElseThrow(),
                                GiftCodes.hash(GiftCodes.normalise(code).orElseThrow()),
                                now,
                                now.plus(Duration.ofHours(1))));
        return code;
    }

    private static EmailAddress address() {
        return EmailAddress.ofNormalised(unique("reader").toLowerCase() + "@example.org");
    }

    @Test
    void refusedRedemption_shouldTellWhyFromItsOwnTransaction_inTwoCalls() {
        String code = issuedGift();
        calls.set(0);
        redemption.redeem(code, address());
        assertEquals(2, calls.get(), "an accepted redemption: the code's lookup, the transaction");

        calls.set(0);
        GiftRedemption.RedemptionException refused =
                assertThrows(
                        GiftRedemption.RedemptionException.class,
                        () -> redemption.redeem(code, address()));

        assertEquals(GiftRedemption.Failure.ALREADY_REDEEMED, refused.failure());
        assertEquals(2, calls.get(), "a refused one: the code's lookup, the cancelled transaction");
    }
}

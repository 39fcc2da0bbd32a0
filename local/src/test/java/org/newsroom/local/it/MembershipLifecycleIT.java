package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.local.it.LocalStackSupport.await;
import static org.newsroom.local.it.LocalStackSupport.stack;
import static org.newsroom.local.it.StripeEvents.deliver;
import static org.newsroom.local.it.StripeEvents.supporters;
import static org.newsroom.local.it.StripeEvents.unique;

import java.io.BufferedReader;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.newsroom.core.config.Config;
import org.newsroom.local.Outbox;
import org.newsroom.memberships.Counting;
import org.newsroom.memberships.DynamoDbGiftRepository;
import org.newsroom.memberships.DynamoDbMemberRepository;
import org.newsroom.memberships.DynamoDbProcessedEvents;
import org.newsroom.memberships.ImportIds;
import org.newsroom.memberships.MemberImport;
import org.newsroom.memberships.MembershipService;
import org.newsroom.memberships.MembershipTable;
import org.newsroom.memberships.MembershipTableSettings;

/**
 * The membership lifecycle through the webhook on the local stack, read back from {@code GET
 * /memberships/stats}: subscription updates end and restart a membership, a trial's zero invoice
 * counts nobody, an imported member who pays is one supporter, and a paid gift with a bad recipient
 * address makes the buyer an email.
 */
class MembershipLifecycleIT {

    private static void assertReceived(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
    }

    private static String address(String prefix) {
        return unique(prefix).toLowerCase() + "@example.org";
    }

    @Test
    void subscriptionUpdated_shouldTakeTheSupporterOff_whenCanceled_andBack_whenActiveAgain() {
        String subscription = unique("sub");
        long at = Instant.now().getEpochSecond();
        assertReceived(
                deliver(
                        StripeEvents.checkoutSubscription(
                                unique("evt"), subscription, address("member"), at)));
        long active = supporters();

        assertReceived(
                deliver(
                        StripeEvents.subscriptionUpdated(
                                unique("evt"), subscription, "canceled", at + 10)));
        assertEquals(active - 1, supporters());

        assertReceived(
                deliver(
                        StripeEvents.subscriptionUpdated(
                                unique("evt"), subscription, "active", at + 20)));
        assertEquals(active, supporters());

        // A pause older than the resume, delivered late, changes nothing.
        assertReceived(
                deliver(
                        StripeEvents.subscriptionUpdated(
                                unique("evt"), subscription, "paused", at + 15)));
        assertEquals(active, supporters());
    }

    @Test
    void invoicePaid_shouldNotCountATrialsZeroInvoice_butTheFirstPaidOne() {
        String subscription = unique("sub");
        String email = address("trial");
        long at = Instant.now().getEpochSecond();
        long before = supporters();

        assertReceived(
                deliver(StripeEvents.invoicePaid(unique("evt"), subscription, email, 0, at)));
        assertEquals(before, supporters());

        assertReceived(
                deliver(StripeEvents.invoicePaid(unique("evt"), subscription, email, 800, at + 1)));
        assertEquals(before + 1, supporters());
    }

    @Test
    void importedMember_shouldBeCountedOnce_whenTheyThenPayThroughStripe() throws Exception {
        String email = address("imported");
        Clock clock = Clock.systemUTC();
        MembershipTable table =
                MembershipTable.create(
                        stack().dynamo(),
                        MembershipTableSettings.from(
                                Config.from(
                                        stack().functions()
                                                .get("StripeWebhookFunction")
                                                .environment())),
                        clock);
        MembershipService service =
                new MembershipService(
                        new DynamoDbMemberRepository(table),
                        new DynamoDbGiftRepository(table),
                        new DynamoDbProcessedEvents(table),
                        Counting.supportersOnly(),
                        // The stack's pepper, as the webhook links the person with it.
                        ImportIds.peppered(NewsletterSupport.addressKeys()),
                        clock);
        long before = supporters();

        MemberImport.Report report =
                new MemberImport(service)
                        .run(
                                new BufferedReader(
                                        new StringReader(
                                                "email,plan,start_date\n"
                                                        + email
                                                        + ",monthly,2024-03-01\n")));
        assertEquals(1, report.imported());
        assertEquals(before + 1, supporters());

        String subscription = unique("sub");
        long at = Instant.now().getEpochSecond();
        assertReceived(
                deliver(StripeEvents.checkoutSubscription(unique("evt"), subscription, email, at)));
        assertReceived(
                deliver(StripeEvents.invoicePaid(unique("evt"), subscription, email, 800, at + 1)));
        assertEquals(before + 1, supporters(), "the person counts once");

        // Importing the file again finds them; the paid membership's end takes them off once.
        MemberImport.Report again =
                new MemberImport(service)
                        .run(
                                new BufferedReader(
                                        new StringReader(
                                                "email,plan,start_date\n"
                                                        + email
                                                        + ",monthly,2024-03-01\n")));
        assertEquals(0, again.imported());
        assertReceived(
                deliver(
                        StripeEvents.subscriptionUpdated(
                                unique("evt"), subscription, "canceled", at + 10)));
        assertEquals(before, supporters());
    }

    @Test
    void giftWithAnInvalidRecipient_shouldBeAcknowledged_andTheBuyerAskedForTheAddress() {
        String paymentIntent = unique("pi");
        assertReceived(
                deliver(
                        StripeEvents.checkoutGift(
                                unique("evt"), paymentIntent, "sam at example dot org")));

        Outbox.Email request =
                await(
                        "the buyer's request for a corrected address",
                        () ->
                                stack().outbox().to(StripeEvents.giftBuyer(paymentIntent)).stream()
                                        .findFirst());
        assertTrue(request.text().contains(paymentIntent), "the reference to quote");
        assertFalse(request.text().contains("sam at example"), "the bad address is not echoed");
        assertFalse(request.text().contains("gift code:"), "no code goes to the buyer");
    }
}

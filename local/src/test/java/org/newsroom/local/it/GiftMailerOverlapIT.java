package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.local.it.LocalStackSupport.await;
import static org.newsroom.local.it.LocalStackSupport.stack;
import static org.newsroom.local.it.StripeEvents.unique;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.local.Outbox;
import org.newsroom.memberships.GiftJob;
import org.newsroom.memberships.MembershipItems;
import org.newsroom.memberships.gifts.GiftMailerHandler;

/**
 * Overlapping gift-mailer runs against the emulator: each run is its own handler (as separate
 * Lambda containers would be), so only the conditional claim in the table keeps a due email from
 * being sent twice. The stack's schedule runs the mailer too, every few seconds; it may send some
 * of these emails, which changes nothing in what is asserted: every email once, whoever sent it.
 */
class GiftMailerOverlapIT {

    /** More jobs (two per gift) than one run takes, so the runs overlap over several batches. */
    private static final int GIFTS = 30;

    private static final int RUNNERS = 3;
    private static final int MAX_RUNS_EACH = 20;

    private static Map<String, Object> scheduledEvent() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> event =
                (Map<String, Object>)
                        Json.parse(
                                        Files.readString(
                                                Path.of(
                                                        System.getProperty("newsroom.root", "."),
                                                        "events/gift-mailer/scheduled.json")))
                                .toPlain();
        return event;
    }

    /** Runs the handler until a run finds nothing due; returns how many emails it sent in all. */
    private static int runUntilNothingDue(GiftMailerHandler mailer, Map<String, Object> event) {
        int sent = 0;
        for (int run = 0; run < MAX_RUNS_EACH; run++) {
            Map<String, Object> summary = mailer.handleRequest(event, null);
            sent += (Integer) summary.get("sent");
            if (summary.values().stream().allMatch(count -> count.equals(0))) {
                break;
            }
        }
        return sent;
    }

    /** The mail jobs of these gifts still in the table, due or claimed. */
    private static List<String> jobsLeft(List<String> gifts) {
        String table = stack().physicalId("MembershipsTable");
        List<String> left = new ArrayList<>();
        for (String gift : gifts) {
            for (GiftJob.Kind kind :
                    List.of(GiftJob.Kind.RECIPIENT_MAIL, GiftJob.Kind.RECEIPT_MAIL)) {
                if (stack().dynamo()
                        .getItem(
                                b ->
                                        b.tableName(table)
                                                .key(MembershipItems.jobKey(gift, kind))
                                                .consistentRead(true))
                        .hasItem()) {
                    left.add(gift + "/" + kind);
                }
            }
        }
        return left;
    }

    /** How many emails the emulator's SES accepted for each of these addresses. */
    private static Map<String, Long> mailsPerAddress(List<String> addresses) {
        Map<String, Long> counts = new LinkedHashMap<>();
        addresses.forEach(address -> counts.put(address, 0L));
        for (Outbox.Email email : stack().outbox().messages()) {
            for (String to : email.to()) {
                String address = to.toLowerCase(Locale.ROOT);
                counts.computeIfPresent(address, (key, count) -> count + 1);
            }
        }
        return counts;
    }

    @Test
    void run_shouldSendEachEmailOnce_whenRunsOverlap() throws Exception {
        List<String> gifts = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < GIFTS; i++) {
            String paymentIntent = unique("pi");
            String recipient = unique("friend") + "@example.org";
            assertEquals(
                    200,
                    StripeEvents.deliver(
                                    StripeEvents.checkoutGift(
                                            unique("evt"), paymentIntent, recipient))
                            .statusCode());
            gifts.add(paymentIntent);
            addresses.add(recipient);
            addresses.add(StripeEvents.giftBuyer(paymentIntent));
        }
        Map<String, String> environment =
                stack().functions().get("GiftMailerFunction").environment();
        List<GiftMailerHandler> mailers = new ArrayList<>();
        for (int i = 0; i < RUNNERS; i++) {
            mailers.add(new GiftMailerHandler(environment));
        }
        Map<String, Object> event = scheduledEvent();

        CyclicBarrier start = new CyclicBarrier(RUNNERS);
        ExecutorService pool = Executors.newFixedThreadPool(RUNNERS);
        int sentByRunners = 0;
        try {
            List<Future<Integer>> runners = new ArrayList<>();
            for (GiftMailerHandler mailer : mailers) {
                runners.add(
                        pool.submit(
                                () -> {
                                    start.await(30, TimeUnit.SECONDS);
                                    return runUntilNothingDue(mailer, event);
                                }));
            }
            for (Future<Integer> runner : runners) {
                // A run that threw fails the test here, with its exception as the cause.
                sentByRunners += runner.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(
                sentByRunners > 0,
                "the schedule sent everything before the runs under test started");

        // These jobs are deleted only after their email was sent, so once none is left every send
        // has
        // landed, the schedule's included (its run may still have been finishing one).
        await(
                "the mail jobs of these gifts to be gone",
                () -> jobsLeft(gifts).isEmpty() ? Optional.of(true) : Optional.empty());
        Map<String, Long> notOnce = mailsPerAddress(addresses);
        notOnce.values().removeIf(count -> count == 1);
        assertEquals(Map.of(), notOnce, "addresses that did not get exactly one email");
    }
}

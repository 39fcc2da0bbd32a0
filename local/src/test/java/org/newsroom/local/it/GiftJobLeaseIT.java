package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.local.it.LocalStackSupport.await;
import static org.newsroom.local.it.LocalStackSupport.stack;
import static org.newsroom.local.it.StripeEvents.unique;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.config.Config;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.local.MetricLines;
import org.newsroom.local.Outbox;
import org.newsroom.memberships.Counting;
import org.newsroom.memberships.DynamoDbGiftJobQueue;
import org.newsroom.memberships.DynamoDbGiftRepository;
import org.newsroom.memberships.DynamoDbMemberRepository;
import org.newsroom.memberships.DynamoDbProcessedEvents;
import org.newsroom.memberships.Gift;
import org.newsroom.memberships.GiftCodes;
import org.newsroom.memberships.GiftJob;
import org.newsroom.memberships.ImportIds;
import org.newsroom.memberships.MembershipItems;
import org.newsroom.memberships.MembershipService;
import org.newsroom.memberships.MembershipTable;
import org.newsroom.memberships.MembershipTableSettings;
import org.newsroom.memberships.gifts.GiftMailerHandler;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The gift jobs' lease and dead letters on the local stack. The lease is left to the stack's own
 * scheduled mailer (every few seconds, with the local 8 s lease); the dead letter to a mailer built
 * from the same environment with 2 attempts and a 1 s lease, so it is reached in seconds, while the
 * scheduled one (5 attempts) keeps trying too, as overlapping runs would.
 */
class GiftJobLeaseIT {

    private static final Clock CLOCK = Clock.systemUTC();

    private final Map<String, String> mailerEnvironment =
            stack().functions().get("GiftMailerFunction").environment();
    private final MembershipTable table =
            MembershipTable.create(
                    stack().dynamo(),
                    MembershipTableSettings.from(Config.from(mailerEnvironment)),
                    CLOCK);
    private final DynamoDbGiftRepository gifts = new DynamoDbGiftRepository(table);
    private final DynamoDbGiftJobQueue queue = new DynamoDbGiftJobQueue(table);

    private static String recipient() {
        return unique("friend").toLowerCase() + "@example.org";
    }

    private Optional<Map<String, AttributeValue>> jobItem(String gift, GiftJob.Kind kind) {
        Map<String, AttributeValue> item =
                stack().dynamo()
                        .getItem(
                                b ->
                                        b.tableName(stack().physicalId("MembershipsTable"))
                                                .key(MembershipItems.jobKey(gift, kind))
                                                .consistentRead(true))
                        .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    @Test
    void claimedJob_shouldBeSentByALaterRun_whenTheRunThatClaimedItDiedBeforeSending() {
        // GIVEN a paid gift whose recipient mail is due tomorrow (so no scheduled run takes it)
        String giftId = unique("pi");
        String recipient = recipient();
        Instant now = CLOCK.instant();
        GiftJob tomorrow =
                GiftJob.due(giftId, GiftJob.Kind.RECIPIENT_MAIL, now.plus(Duration.ofDays(1)));
        gifts.writeGift(
                unique("evt"),
                Gift.builder(giftId, Gift.State.PAID, now)
                        .recipientEmail(recipient)
                        .purchasedAt(now)
                        .expiresAt(now.plus(Duration.ofDays(400)))
                        .build(),
                List.of(tomorrow));

        // WHEN a run claims it (issuing a code, as the mailer does) and dies before the send
        Gift gift = gifts.findGift(giftId).orElseThrow();
        String code = GiftCodes.generate();
        Duration lease =
                Duration.ofSeconds(
                        Long.parseLong(mailerEnvironment.get("GIFT_MAIL_LEASE_SECONDS")));
        assertTrue(
                queue.claimIssuingCode(
                        tomorrow,
                        gift,
                        GiftCodes.hash(GiftCodes.normalise(code).orElseThrow()),
                        now,
                        now.plus(lease)));
        assertTrue(jobItem(giftId, GiftJob.Kind.RECIPIENT_MAIL).isPresent(), "not lost");

        // THEN once the lease is over a scheduled run sends it, once, and the job is gone
        Outbox.Email email =
                await(
                        "the recipient's gift email",
                        () -> stack().outbox().to(recipient).stream().findFirst());
        await(
                "the job to be deleted as sent",
                () ->
                        jobItem(giftId, GiftJob.Kind.RECIPIENT_MAIL).isEmpty()
                                ? Optional.of(true)
                                : Optional.empty());
        assertEquals(1, stack().outbox().to(recipient).size());
        assertFalse(email.text().contains(code), "a fresh code: the dead run's never went out");
    }

    @Test
    void failingJob_shouldLandInTheDeadLetters_andTheMetric_thenGoOutOnceCorrected() {
        MetricLines lines = stack().metricLines();
        long mark = lines.mark();
        // GIVEN a paid gift whose recipient mail fails at every attempt (it has no address)
        String giftId = unique("pi");
        Instant now = CLOCK.instant();
        gifts.writeGift(
                unique("evt"),
                Gift.builder(giftId, Gift.State.PAID, now)
                        .purchasedAt(now)
                        .expiresAt(now.plus(Duration.ofDays(400)))
                        .build(),
                List.of(GiftJob.due(giftId, GiftJob.Kind.RECIPIENT_MAIL, now)));

        // WHEN mailer runs have tried it GIFT_MAIL_MAX_ATTEMPTS times
        Map<String, String> environment = new HashMap<>(mailerEnvironment);
        environment.put("GIFT_MAIL_MAX_ATTEMPTS", "2");
        environment.put("GIFT_MAIL_LEASE_SECONDS", "1");
        GiftMailerHandler mailer = new GiftMailerHandler(environment);
        Map<String, AttributeValue> dead =
                await(
                        "the job on the dead-letter list",
                        () ->
                                Optional.of(mailer.handleRequest(new HashMap<>(), null))
                                        .flatMap(
                                                run -> jobItem(giftId, GiftJob.Kind.RECIPIENT_MAIL))
                                        .filter(
                                                item ->
                                                        MembershipItems.DEAD_KEY_VALUE.equals(
                                                                item.get(MembershipItems.DUE_KEY)
                                                                        .s())));

        // THEN it is kept in the table, listed, never due again, and counted for the alarm
        assertTrue(Integer.parseInt(dead.get("attempts").n()) >= 2, "tried at least twice");
        assertTrue(queue.deadLettered(100).stream().anyMatch(job -> job.giftId().equals(giftId)));
        await(
                "the GiftJobsDeadLettered metric line",
                () ->
                        lines.since(mark).stream()
                                .filter(line -> line.contains("\"GiftJobsDeadLettered\":1"))
                                .filter(line -> line.contains("\"Function\":\"gift-mailer\""))
                                .findFirst());

        // WHEN the operator sets the address (make gift-jobs GIFT=... RECIPIENT=...)
        String recipient = recipient();
        MembershipService memberships =
                new MembershipService(
                        new DynamoDbMemberRepository(table),
                        gifts,
                        new DynamoDbProcessedEvents(table),
                        Counting.supportersOnly(),
                        ImportIds.notUsed(),
                        CLOCK);
        assertEquals(
                MembershipService.Outcome.RECIPIENT_CORRECTED,
                memberships.correctRecipient(giftId, EmailAddress.parse(recipient).orElseThrow()));

        // THEN the next scheduled run sends the gift, once
        await(
                "the corrected recipient's gift email",
                () -> stack().outbox().to(recipient).stream().findFirst());
        await(
                "the job to be deleted as sent",
                () ->
                        jobItem(giftId, GiftJob.Kind.RECIPIENT_MAIL).isEmpty()
                                ? Optional.of(true)
                                : Optional.empty());
        assertEquals(1, stack().outbox().to(recipient).size());
    }
}

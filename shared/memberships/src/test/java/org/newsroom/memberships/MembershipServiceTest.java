package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.memberships.MembershipService.Outcome;
import org.newsroom.memberships.testing.InMemoryMembershipTable;

class MembershipServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Campaign CAMPAIGN =
            new Campaign(
                    "birthday",
                    "Birthday",
                    1000,
                    Instant.parse("2026-11-01T00:00:00Z"),
                    Instant.parse("2026-12-01T00:00:00Z"));

    private final InMemoryMembershipTable repository = new InMemoryMembershipTable();
    private final MembershipService service =
            repository.service(Counting.withCampaign(CAMPAIGN), Clock.fixed(NOW, ZoneOffset.UTC));

    private static EmailAddress address(String value) {
        return EmailAddress.parse(value).orElseThrow();
    }

    private long supporters() {
        return repository.counter(CounterDelta.SUPPORTERS);
    }

    @Test
    void start_shouldCountOnce_whenSameEventDeliveredAgain() {
        assertEquals(
                Outcome.STARTED,
                service.startOrRenew("evt_1", "sub_1", "monthly", address("a@example.org"), NOW));
        assertEquals(
                Outcome.DUPLICATE,
                service.startOrRenew("evt_1", "sub_1", "monthly", address("a@example.org"), NOW));
        assertEquals(1, supporters());
        assertEquals(1, repository.counter(CAMPAIGN.counterName()));
    }

    @Test
    void start_shouldNotCountTwice_whenInvoiceAndCheckoutBothStartIt() {
        assertEquals(Outcome.STARTED, service.startOrRenew("evt_invoice", "sub_1", "monthly", NOW));
        assertEquals(
                Outcome.RENEWED,
                service.startOrRenew(
                        "evt_checkout", "sub_1", "monthly", address("a@example.org"), NOW));
        assertEquals(1, supporters());
        assertEquals(
                Optional.of("a@example.org"), repository.findMember("sub_1").orElseThrow().email());
    }

    @Test
    void end_shouldUncountOnce_andKeepCampaignCount() {
        service.startOrRenew("evt_1", "sub_1", "monthly", NOW);
        assertEquals(Outcome.ENDED, service.end("evt_2", "sub_1", NOW));
        assertEquals(Outcome.DUPLICATE, service.end("evt_2", "sub_1", NOW));
        assertEquals(Outcome.ALREADY_ENDED, service.end("evt_3", "sub_1", NOW));
        assertEquals(0, supporters());
        assertEquals(1, repository.counter(CAMPAIGN.counterName()));
    }

    @Test
    void end_shouldLeaveMembershipEnded_whenItArrivesBeforeTheStart() {
        assertEquals(Outcome.ALREADY_ENDED, service.end("evt_end", "sub_1", NOW));
        assertEquals(
                Outcome.ALREADY_ENDED, service.startOrRenew("evt_start", "sub_1", "monthly", NOW));
        assertEquals(
                Outcome.ALREADY_ENDED, service.startOrRenew("evt_renew", "sub_1", "monthly", NOW));
        assertEquals(Member.Status.ENDED, repository.findMember("sub_1").orElseThrow().status());
        assertEquals(0, supporters());
        assertEquals(0, repository.counter(CAMPAIGN.counterName()));
    }

    @Test
    void start_shouldNotCountForCampaign_whenStartedOutsideItsWindow() {
        service.startOrRenew("evt_1", "sub_1", "monthly", Instant.parse("2026-10-31T23:59:59Z"));
        service.startOrRenew("evt_2", "sub_2", "monthly", Instant.parse("2026-12-01T00:00:00Z"));
        assertEquals(2, supporters());
        assertEquals(0, repository.counter(CAMPAIGN.counterName()));
    }

    @Test
    void ignore_shouldRecordTheEvent_soRetriesAreDuplicates() {
        assertEquals(Outcome.NO_CHANGE, service.ignore("evt_other"));
        assertEquals(Outcome.DUPLICATE, service.ignore("evt_other"));
    }

    @Test
    void recordGift_shouldQueueRecipientOnDeliveryDate_andReceiptNow() {
        GiftPurchase purchase =
                GiftPurchase.builder("pi_1", "friend@example.org", NOW)
                        .buyerEmail("buyer@example.org")
                        .recipientName("Sam")
                        .message("Enjoy")
                        .deliverOn(LocalDate.parse("2026-12-24"))
                        .build();
        assertEquals(Outcome.GIFT_RECORDED, service.recordGift("evt_gift", purchase));
        assertEquals(Outcome.DUPLICATE, service.recordGift("evt_gift", purchase));
        assertEquals(Outcome.NO_CHANGE, service.recordGift("evt_async", purchase));
        assertEquals(2, repository.pendingJobs().size());
        assertEquals(1, repository.due(NOW, 10).size());
        assertEquals(GiftJob.Kind.RECEIPT_MAIL, repository.due(NOW, 10).get(0).kind());
        assertEquals(2, repository.due(Instant.parse("2026-12-24T00:00:00Z"), 10).size());
        assertEquals(
                Instant.parse("2027-12-24T00:00:00Z"),
                repository.findGift("pi_1").orElseThrow().expiresAt().orElseThrow());
    }

    @Test
    void refund_shouldRevokeGiftAndItsMails_whenNotRedeemed() {
        service.recordGift(
                "evt_gift", GiftPurchase.builder("pi_1", "friend@example.org", NOW).build());
        assertEquals(Outcome.GIFT_REVOKED, service.refund("evt_refund", "pi_1"));
        assertEquals(Gift.State.REFUNDED, repository.findGift("pi_1").orElseThrow().state());
        assertTrue(repository.pendingJobs().isEmpty());
    }

    @Test
    void refund_shouldWin_whenItArrivesBeforeThePurchase() {
        assertEquals(Outcome.GIFT_REVOKED, service.refund("evt_refund", "pi_1"));
        assertEquals(
                Outcome.NO_CHANGE,
                service.recordGift(
                        "evt_gift",
                        GiftPurchase.builder("pi_1", "friend@example.org", NOW).build()));
        assertEquals(Gift.State.REFUNDED, repository.findGift("pi_1").orElseThrow().state());
        assertTrue(repository.pendingJobs().isEmpty());
    }

    @Test
    void importMember_shouldCountOnce_whenImportedTwice() {
        assertEquals(
                Outcome.STARTED,
                service.importMember(
                        "yearly", address("a@example.org"), LocalDate.parse("2026-11-02")));
        assertEquals(
                Outcome.NO_CHANGE,
                service.importMember(
                        "yearly", address("a@example.org"), LocalDate.parse("2026-11-02")));
        assertEquals(1, supporters());
        assertEquals(1, repository.counter(CAMPAIGN.counterName()));
    }
}

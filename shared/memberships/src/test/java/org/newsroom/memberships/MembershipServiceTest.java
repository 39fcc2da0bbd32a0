package org.newsroom.memberships;

import org.junit.jupiter.api.Test;
import org.newsroom.memberships.MembershipService.Outcome;
import org.newsroom.memberships.testing.InMemoryMembershipRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MembershipServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Campaign CAMPAIGN = new Campaign("birthday", "Birthday", 1000,
            Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));

    private final InMemoryMembershipRepository repository = new InMemoryMembershipRepository();
    private final MembershipService service = new MembershipService(repository, Optional.of(CAMPAIGN), Clock.fixed(NOW, ZoneOffset.UTC));

    private long supporters() {
        return repository.counter(CounterDelta.SUPPORTERS);
    }

    @Test
    void start_shouldCountOnce_whenSameEventDeliveredAgain() {
        assertEquals(Outcome.STARTED, service.startOrRenew("evt_1", "sub_1", "monthly", Optional.of("a@example.org"), NOW));
        assertEquals(Outcome.DUPLICATE, service.startOrRenew("evt_1", "sub_1", "monthly", Optional.of("a@example.org"), NOW));
        assertEquals(1, supporters());
        assertEquals(1, repository.counter(CAMPAIGN.counterName()));
    }

    @Test
    void start_shouldNotCountTwice_whenInvoiceAndCheckoutBothStartIt() {
        assertEquals(Outcome.STARTED, service.startOrRenew("evt_invoice", "sub_1", "monthly", Optional.empty(), NOW));
        assertEquals(Outcome.RENEWED, service.startOrRenew("evt_checkout", "sub_1", "monthly", Optional.of("a@example.org"), NOW));
        assertEquals(1, supporters());
        assertEquals(Optional.of("a@example.org"), repository.findMember("sub_1").orElseThrow().email());
    }

    @Test
    void end_shouldUncountOnce_andKeepCampaignCount() {
        service.startOrRenew("evt_1", "sub_1", "monthly", Optional.empty(), NOW);
        assertEquals(Outcome.ENDED, service.end("evt_2", "sub_1", NOW));
        assertEquals(Outcome.DUPLICATE, service.end("evt_2", "sub_1", NOW));
        assertEquals(Outcome.ALREADY_ENDED, service.end("evt_3", "sub_1", NOW));
        assertEquals(0, supporters());
        assertEquals(1, repository.counter(CAMPAIGN.counterName()));
    }

    @Test
    void end_shouldLeaveMembershipEnded_whenItArrivesBeforeTheStart() {
        assertEquals(Outcome.ALREADY_ENDED, service.end("evt_end", "sub_1", NOW));
        assertEquals(Outcome.ALREADY_ENDED, service.startOrRenew("evt_start", "sub_1", "monthly", Optional.empty(), NOW));
        assertEquals(Outcome.ALREADY_ENDED, service.startOrRenew("evt_renew", "sub_1", "monthly", Optional.empty(), NOW));
        assertEquals(Member.Status.ENDED, repository.findMember("sub_1").orElseThrow().status());
        assertEquals(0, supporters());
        assertEquals(0, repository.counter(CAMPAIGN.counterName()));
    }

    @Test
    void start_shouldNotCountForCampaign_whenStartedOutsideItsWindow() {
        service.startOrRenew("evt_1", "sub_1", "monthly", Optional.empty(), Instant.parse("2026-10-31T23:59:59Z"));
        service.startOrRenew("evt_2", "sub_2", "monthly", Optional.empty(), Instant.parse("2026-12-01T00:00:00Z"));
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
        GiftPurchase purchase = new GiftPurchase("pi_1", Optional.of("buyer@example.org"), "friend@example.org",
                Optional.of("Sam"), Optional.of("Enjoy"), Optional.of(LocalDate.parse("2026-12-24")), NOW);
        assertEquals(Outcome.GIFT_RECORDED, service.recordGift("evt_gift", purchase));
        assertEquals(Outcome.DUPLICATE, service.recordGift("evt_gift", purchase));
        assertEquals(Outcome.NO_CHANGE, service.recordGift("evt_async", purchase));
        assertEquals(2, repository.pendingJobs().size());
        assertEquals(1, repository.dueMailJobs(NOW, 10).size());
        assertEquals(MailJob.Kind.RECEIPT, repository.dueMailJobs(NOW, 10).get(0).kind());
        assertEquals(2, repository.dueMailJobs(Instant.parse("2026-12-24T00:00:00Z"), 10).size());
        assertEquals(Instant.parse("2027-12-24T00:00:00Z"), repository.findGift("pi_1").orElseThrow().expiresAt().orElseThrow());
    }

    @Test
    void refund_shouldRevokeGiftAndItsMails_whenNotRedeemed() {
        service.recordGift("evt_gift", new GiftPurchase("pi_1", Optional.empty(), "friend@example.org",
                Optional.empty(), Optional.empty(), Optional.empty(), NOW));
        assertEquals(Outcome.GIFT_REVOKED, service.refund("evt_refund", "pi_1"));
        assertEquals(Gift.State.REFUNDED, repository.findGift("pi_1").orElseThrow().state());
        assertTrue(repository.pendingJobs().isEmpty());
    }

    @Test
    void refund_shouldWin_whenItArrivesBeforeThePurchase() {
        assertEquals(Outcome.GIFT_REVOKED, service.refund("evt_refund", "pi_1"));
        assertEquals(Outcome.NO_CHANGE, service.recordGift("evt_gift", new GiftPurchase("pi_1", Optional.empty(),
                "friend@example.org", Optional.empty(), Optional.empty(), Optional.empty(), NOW)));
        assertEquals(Gift.State.REFUNDED, repository.findGift("pi_1").orElseThrow().state());
        assertTrue(repository.pendingJobs().isEmpty());
    }

    @Test
    void importMember_shouldCountOnce_whenImportedTwice() {
        assertEquals(Outcome.STARTED, service.importMember("import-1", "yearly", "a@example.org", LocalDate.parse("2026-11-02")));
        assertEquals(Outcome.NO_CHANGE, service.importMember("import-1", "yearly", "a@example.org", LocalDate.parse("2026-11-02")));
        assertEquals(1, supporters());
        assertEquals(1, repository.counter(CAMPAIGN.counterName()));
    }
}

package org.newsroom.memberships.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.json.Json;
import org.newsroom.memberships.CounterDelta;
import org.newsroom.memberships.Gift;
import org.newsroom.memberships.GiftJob;
import org.newsroom.memberships.Member;
import org.newsroom.memberships.MembershipService;
import org.newsroom.memberships.MembershipService.Outcome;
import org.newsroom.memberships.testing.InMemoryMembershipTable;

class StripeEventProcessorTest {

    private final InMemoryMembershipTable repository = new InMemoryMembershipTable();
    private final StripeEventProcessor processor =
            new StripeEventProcessor(
                    repository.service(
                            Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC)));

    private Outcome process(String json) {
        return processor.process(StripeEventProcessor.header(Json.parse(json)).orElseThrow());
    }

    @Test
    void checkout_shouldReadGiftDetailsFromPaymentLinkCustomFields() {
        assertEquals(
                Outcome.GIFT_RECORDED,
                process(
                        """
                {"id":"evt_1","type":"checkout.session.completed","created":1764000000,"data":{"object":{
                  "mode":"payment","payment_status":"paid","payment_intent":{"id":"pi_9"},"metadata":{"gift":"true"},
                  "customer_details":{"email":"buyer@example.org"},
                  "custom_fields":[
                    {"key":"giftrecipientemail","type":"text","text":{"value":"friend@example.org"}},
                    {"key":"giftmessage","type":"text","text":{"value":"Enjoy"}}]}}}
                """));
        Gift gift = repository.findGift("pi_9").orElseThrow();
        assertEquals(Optional.of("friend@example.org"), gift.recipientEmail());
        assertEquals(Optional.of("Enjoy"), gift.message());
        assertEquals(Optional.of("buyer@example.org"), gift.buyerEmail());
    }

    @Test
    void checkout_shouldReadDeliveryDateFromMetadata_andIgnoreAnInvalidOne() {
        process(
                """
                {"id":"evt_1","type":"checkout.session.completed","created":1764000000,"data":{"object":{
                  "mode":"payment","payment_status":"paid","payment_intent":"pi_1",
                  "metadata":{"gift_recipient_email":"a@example.org","gift_delivery_date":"2026-12-24"}}}}
                """);
        process(
                """
                {"id":"evt_2","type":"checkout.session.completed","created":1764000000,"data":{"object":{
                  "mode":"payment","payment_status":"paid","payment_intent":"pi_2",
                  "metadata":{"gift_recipient_email":"b@example.org","gift_delivery_date":"Christmas"}}}}
                """);
        assertEquals(
                Optional.of(LocalDate.parse("2026-12-24")),
                repository.findGift("pi_1").orElseThrow().deliverOn());
        assertEquals(Optional.empty(), repository.findGift("pi_2").orElseThrow().deliverOn());
    }

    @Test
    void checkout_shouldRecordAGiftWaitingForAnAddress_withoutAValidRecipient() {
        assertEquals(
                Outcome.GIFT_NEEDS_ADDRESS,
                process(
                        """
                {"id":"evt_1","type":"checkout.session.completed","data":{"object":{
                  "mode":"payment","payment_status":"paid","payment_intent":"pi_1",
                  "customer_details":{"email":"buyer@example.org"},
                  "metadata":{"gift":"true","gift_recipient_email":"nope"}}}}
                """));
        Gift gift = repository.findGift("pi_1").orElseThrow();
        assertEquals(Gift.State.PAID, gift.state());
        assertEquals(Optional.empty(), gift.recipientEmail());
        assertEquals(
                List.of(GiftJob.Kind.ADDRESS_REQUEST),
                repository.pendingJobs().stream().map(GiftJob::kind).toList());
        assertEquals(
                List.of(GiftJob.Kind.RECIPIENT_MAIL),
                repository.awaitingAddress(10).stream().map(GiftJob::kind).toList());
    }

    @Test
    void checkout_shouldKeepTheMessagePlain_andCutItAt500Characters() {
        String emoji = "\uD83C\uDF81";
        String longMessage = "a".repeat(499) + emoji + "tail";
        process(
                """
                {"id":"evt_1","type":"checkout.session.completed","data":{"object":{
                  "mode":"payment","payment_status":"paid","payment_intent":"pi_1",
                  "metadata":{"gift_recipient_email":"a@example.org","gift_message":"%s"}}}}
                """
                        .formatted(longMessage));
        process(
                """
                {"id":"evt_2","type":"checkout.session.completed","data":{"object":{
                  "mode":"payment","payment_status":"paid","payment_intent":"pi_2",
                  "metadata":{"gift_recipient_email":"b@example.org","gift_message":"Hi\\r\\nthere\\u0007!"}}}}
                """);
        String kept = repository.findGift("pi_1").orElseThrow().message().orElseThrow();
        assertEquals(500, kept.codePointCount(0, kept.length()));
        assertTrue(kept.endsWith(emoji), "a character outside the basic plane is never split");
        assertEquals(
                Optional.of("Hi\nthere!"), repository.findGift("pi_2").orElseThrow().message());
    }

    @Test
    void subscriptionUpdated_shouldEndOnCanceledUnpaidOrPaused_andRestartOnActive() {
        process(
                """
                {"id":"evt_1","type":"checkout.session.completed","created":1764000000,"data":{"object":{"mode":"subscription","payment_status":"paid","subscription":"sub_1","created":1764000000}}}
                """);
        int second = 100;
        for (String status : List.of("paused", "unpaid", "canceled")) {
            assertEquals(Outcome.ENDED, updated("evt_end_" + status, "sub_1", status, second++));
            assertEquals(0, repository.counter(CounterDelta.SUPPORTERS), status);
            assertEquals(
                    Outcome.RESTARTED,
                    updated("evt_active_" + status, "sub_1", "active", second++));
            assertEquals(1, repository.counter(CounterDelta.SUPPORTERS), status);
        }
        assertEquals(Outcome.NO_CHANGE, updated("evt_due", "sub_1", "past_due", second++));
        assertEquals(1, repository.counter(CounterDelta.SUPPORTERS));
    }

    @Test
    void subscriptionUpdated_shouldChangeNothing_whenAnOlderPauseArrivesAfterTheResume() {
        process(
                """
                {"id":"evt_1","type":"checkout.session.completed","created":1764000000,"data":{"object":{"mode":"subscription","payment_status":"paid","subscription":"sub_1","created":1764000000}}}
                """);
        assertEquals(Outcome.RENEWED, updated("evt_resume", "sub_1", "active", 200));
        assertEquals(Outcome.STALE, updated("evt_pause", "sub_1", "paused", 100));
        assertEquals(1, repository.counter(CounterDelta.SUPPORTERS));
        assertTrue(repository.findMember("sub_1").orElseThrow().active());
    }

    @Test
    void subscriptionUpdated_shouldNotRestart_whenAnOlderActiveArrivesAfterTheEnd() {
        process(
                """
                {"id":"evt_1","type":"checkout.session.completed","created":1764000000,"data":{"object":{"mode":"subscription","payment_status":"paid","subscription":"sub_1","created":1764000000}}}
                """);
        assertEquals(Outcome.ENDED, updated("evt_cancel", "sub_1", "canceled", 200));
        assertEquals(Outcome.ALREADY_ENDED, updated("evt_active", "sub_1", "active", 100));
        assertEquals(0, repository.counter(CounterDelta.SUPPORTERS));
    }

    @Test
    void invoicePaid_shouldCountNobody_whenTheAmountIsZero() {
        assertEquals(
                Outcome.NO_CHANGE,
                process(
                        """
                {"id":"evt_1","type":"invoice.paid","created":1764000000,"data":{"object":{
                  "subscription":"sub_trial","amount_paid":0,"customer_email":"trial@example.org"}}}
                """));
        assertTrue(repository.findMember("sub_trial").isEmpty());
        assertEquals(0, repository.counter(CounterDelta.SUPPORTERS));
        assertEquals(
                Outcome.STARTED,
                process(
                        """
                {"id":"evt_2","type":"invoice.paid","created":1766600000,"data":{"object":{
                  "subscription":"sub_trial","amount_paid":800,"customer_email":"trial@example.org"}}}
                """));
        assertEquals(1, repository.counter(CounterDelta.SUPPORTERS));
    }

    @Test
    void checkout_shouldLinkAnImportedMember_andCountThePersonOnce() {
        MembershipService service =
                repository.service(
                        Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));
        EmailAddress ada = EmailAddress.parse("ada@example.org").orElseThrow();
        service.importMember("monthly", ada, LocalDate.parse("2024-03-01"));
        assertEquals(1, repository.counter(CounterDelta.SUPPORTERS));

        assertEquals(
                Outcome.LINKED_IMPORT,
                process(
                        """
                {"id":"evt_1","type":"checkout.session.completed","created":1764000000,"data":{"object":{
                  "mode":"subscription","payment_status":"paid","subscription":"sub_ada","created":1764000000,
                  "customer_details":{"email":"Ada@Example.org"}}}}
                """));

        assertEquals(1, repository.counter(CounterDelta.SUPPORTERS));
        Member imported =
                repository.findMember(InMemoryMembershipTable.IMPORT_IDS.of(ada)).orElseThrow();
        assertEquals(Member.Status.ENDED, imported.status());
        assertEquals(Optional.of("sub_ada"), imported.linkedTo());
        // The paid membership ending takes the person off the count once, not twice.
        process(
                """
                {"id":"evt_2","type":"customer.subscription.deleted","created":1764000500,"data":{"object":{"id":"sub_ada","ended_at":1764000500}}}
                """);
        assertEquals(0, repository.counter(CounterDelta.SUPPORTERS));
    }

    @Test
    void import_shouldSkipAnAddress_thatAlreadyPaysThroughStripe() {
        process(
                """
                {"id":"evt_1","type":"checkout.session.completed","created":1764000000,"data":{"object":{
                  "mode":"subscription","payment_status":"paid","subscription":"sub_ada","created":1764000000,
                  "customer_details":{"email":"ada@example.org"}}}}
                """);
        MembershipService service =
                repository.service(
                        Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));
        EmailAddress ada = EmailAddress.parse("ada@example.org").orElseThrow();

        assertEquals(
                Outcome.NO_CHANGE,
                service.importMember("monthly", ada, LocalDate.parse("2024-03-01")));
        assertEquals(1, repository.counter(CounterDelta.SUPPORTERS));
    }

    private Outcome updated(String eventId, String subscription, String status, int secondsLater) {
        return process(
                """
                {"id":"%s","type":"customer.subscription.updated","created":%d,"data":{"object":{
                  "id":"%s","status":"%s","items":{"data":[{"price":{"recurring":{"interval":"month"}}}]}}}}
                """
                        .formatted(eventId, 1_764_000_000L + secondsLater, subscription, status));
    }

    @Test
    void checkout_shouldIgnoreAPlainPayment() {
        assertEquals(
                Outcome.NO_CHANGE,
                process(
                        """
                {"id":"evt_1","type":"checkout.session.completed","data":{"object":{
                  "mode":"payment","payment_status":"paid","payment_intent":"pi_1","metadata":{}}}}
                """));
        assertTrue(repository.findGift("pi_1").isEmpty());
    }

    @Test
    void asyncPaymentSucceeded_shouldStartTheMembership_afterAnUnpaidCompletion() {
        assertEquals(
                Outcome.NO_CHANGE,
                process(
                        """
                {"id":"evt_1","type":"checkout.session.completed","data":{"object":{
                  "mode":"subscription","payment_status":"unpaid","subscription":"sub_1"}}}
                """));
        assertEquals(
                Outcome.STARTED,
                process(
                        """
                {"id":"evt_2","type":"checkout.session.async_payment_succeeded","data":{"object":{
                  "mode":"subscription","payment_status":"paid","subscription":{"id":"sub_1"},"metadata":{"plan":"Yearly"}}}}
                """));
        assertEquals("yearly", repository.findMember("sub_1").orElseThrow().plan());
        assertEquals(1, repository.counter(CounterDelta.SUPPORTERS));
    }

    @Test
    void invoicePaid_shouldReadTheOlderSubscriptionField_andThePlanFromTheInterval() {
        assertEquals(
                Outcome.STARTED,
                process(
                        """
                {"id":"evt_1","type":"invoice.paid","data":{"object":{"subscription":"sub_1",
                  "lines":{"data":[{"price":{"recurring":{"interval":"year"}}}]}}}}
                """));
        assertEquals("yearly", repository.findMember("sub_1").orElseThrow().plan());
    }

    @Test
    void invoicePaid_shouldBeIgnored_withoutASubscription() {
        assertEquals(
                Outcome.NO_CHANGE,
                process(
                        """
                {"id":"evt_1","type":"invoice.paid","data":{"object":{"id":"in_1"}}}
                """));
        assertEquals(0, repository.counter(CounterDelta.SUPPORTERS));
    }

    @Test
    void chargeRefunded_shouldNotRevoke_whenOnlyPartlyRefunded() {
        process(
                """
                {"id":"evt_1","type":"checkout.session.completed","data":{"object":{
                  "mode":"payment","payment_status":"paid","payment_intent":"pi_1","metadata":{"gift_recipient_email":"a@example.org"}}}}
                """);
        assertEquals(
                Outcome.NO_CHANGE,
                process(
                        """
                {"id":"evt_2","type":"charge.refunded","data":{"object":{"payment_intent":"pi_1","refunded":false,"amount_refunded":100}}}
                """));
        assertEquals(Gift.State.PAID, repository.findGift("pi_1").orElseThrow().state());
    }

    @Test
    void header_shouldRefuseEventsWithoutIdTypeOrObject() {
        assertTrue(
                StripeEventProcessor.header(
                                Json.parse("{\"type\":\"invoice.paid\",\"data\":{\"object\":{}}}"))
                        .isEmpty());
        assertTrue(
                StripeEventProcessor.header(
                                Json.parse("{\"id\":\"evt_1\",\"data\":{\"object\":{}}}"))
                        .isEmpty());
        assertTrue(
                StripeEventProcessor.header(Json.parse("{\"id\":\"evt_1\",\"type\":\"x\"}"))
                        .isEmpty());
        assertTrue(
                StripeEventProcessor.header(
                                Json.parse(
                                        "{\"id\":\"evt 1;\",\"type\":\"x\",\"data\":{\"object\":{}}}"))
                        .isEmpty());
    }

    @Test
    void subscriptionDeleted_shouldEndAnActiveMembership() {
        process(
                """
                {"id":"evt_1","type":"checkout.session.completed","data":{"object":{"mode":"subscription","payment_status":"paid","subscription":"sub_1"}}}
                """);
        assertEquals(
                Outcome.ENDED,
                process(
                        """
                {"id":"evt_2","type":"customer.subscription.deleted","data":{"object":{"id":"sub_1","ended_at":1764000000}}}
                """));
        Member member = repository.findMember("sub_1").orElseThrow();
        assertEquals(Member.Status.ENDED, member.status());
        assertEquals(Optional.of(Instant.ofEpochSecond(1_764_000_000L)), member.endedAt());
        assertEquals(0, repository.counter(CounterDelta.SUPPORTERS));
    }
}

package org.newsroom.memberships.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.memberships.CounterDelta;
import org.newsroom.memberships.Gift;
import org.newsroom.memberships.Member;
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
    void checkout_shouldIgnoreAGift_withoutAValidRecipient() {
        assertEquals(
                Outcome.NO_CHANGE,
                process(
                        """
                {"id":"evt_1","type":"checkout.session.completed","data":{"object":{
                  "mode":"payment","payment_status":"paid","payment_intent":"pi_1","metadata":{"gift":"true","gift_recipient_email":"nope"}}}}
                """));
        assertTrue(repository.findGift("pi_1").isEmpty());
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

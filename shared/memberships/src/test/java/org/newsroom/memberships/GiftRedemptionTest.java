package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.email.EmailAddress;

/**
 * How a redemption tells why a code did not work: from the gift its refused write found, without
 * reading it again; only a write that met another change, or a refusal that brought nothing back,
 * reads the gift.
 */
class GiftRedemptionTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final String CODE = GiftCodes.generate();
    private static final EmailAddress FRIEND = EmailAddress.ofNormalised("friend@example.org");

    private final GiftRepository gifts = mock(GiftRepository.class);
    private final GiftRedemption redemption =
            new GiftRedemption(gifts, Counting.supportersOnly(), Clock.fixed(NOW, ZoneOffset.UTC));

    GiftRedemptionTest() {
        String hash = GiftCodes.hash(GiftCodes.normalise(CODE).orElseThrow());
        when(gifts.findGiftIdByCode(hash)).thenReturn(Optional.of("pi_1"));
    }

    private static Gift issued() {
        return Gift.builder("pi_1", Gift.State.ISSUED, NOW)
                .recipientEmail("friend@example.org")
                .expiresAt(NOW.plusSeconds(86_400))
                .codeHash(GiftCodes.hash(GiftCodes.normalise(CODE).orElseThrow()))
                .version(3)
                .build();
    }

    private void writeAnswers(RedemptionWrite first, RedemptionWrite... then) {
        when(gifts.redeemGift(
                        eq("pi_1"),
                        anyString(),
                        eq("friend@example.org"),
                        any(),
                        any(),
                        any(),
                        any()))
                .thenReturn(first, then);
    }

    private GiftRedemption.Failure failure() {
        return assertThrows(
                        GiftRedemption.RedemptionException.class,
                        () -> redemption.redeem(CODE, FRIEND))
                .failure();
    }

    @Test
    void refusedWrite_shouldSayWhyFromTheGiftItFound_withoutReadingIt() {
        writeAnswers(
                RedemptionWrite.refused(
                        Optional.of(issued().redeemedBy("other@example.org", NOW))));
        assertEquals(GiftRedemption.Failure.ALREADY_REDEEMED, failure());

        writeAnswers(
                RedemptionWrite.refused(
                        Optional.of(issued().toBuilder().state(Gift.State.REFUNDED).build())));
        assertEquals(GiftRedemption.Failure.REFUNDED, failure());

        writeAnswers(
                RedemptionWrite.refused(Optional.of(issued().toBuilder().expiresAt(NOW).build())));
        assertEquals(GiftRedemption.Failure.EXPIRED, failure());

        verify(gifts, never()).findGift(any());
    }

    @Test
    void refusedWrite_thatBroughtNothingBack_shouldReadTheGiftOnce() {
        writeAnswers(RedemptionWrite.refused(Optional.empty()));
        when(gifts.findGift("pi_1"))
                .thenReturn(
                        Optional.of(issued().redeemedBy("other@example.org", NOW)),
                        Optional.empty());

        assertEquals(GiftRedemption.Failure.ALREADY_REDEEMED, failure());
        assertEquals(GiftRedemption.Failure.UNKNOWN, failure());
        verify(gifts, times(2)).findGift("pi_1");
    }

    @Test
    void conflictingWrite_shouldReadTheGift_andTryAgainWhileItIsRedeemable() {
        writeAnswers(RedemptionWrite.CONFLICT, RedemptionWrite.APPLIED);
        when(gifts.findGift("pi_1")).thenReturn(Optional.of(issued()));

        Member member = redemption.redeem(CODE, FRIEND);

        assertEquals(Member.Source.GIFT, member.source());
        verify(gifts, times(1)).findGift("pi_1");
        verify(gifts, times(2)).redeemGift(any(), any(), any(), any(), any(), any(), any());
    }

    @Test
    void conflictingWrite_shouldSayWhyFromTheGiftRead_whenItIsNoLongerRedeemable() {
        writeAnswers(RedemptionWrite.CONFLICT);
        when(gifts.findGift("pi_1"))
                .thenReturn(Optional.of(issued().redeemedBy("other@example.org", NOW)));

        assertEquals(GiftRedemption.Failure.ALREADY_REDEEMED, failure());
        verify(gifts, times(1)).redeemGift(any(), any(), any(), any(), any(), any(), any());
    }
}

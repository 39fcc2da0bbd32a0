package org.newsroom.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.newsroom.core.config.ConfigException;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;

class LinkTokensTest {

    private static final String K1 = "first-key-0123456789-0123456789-0123456789";
    private static final String K2 = "second-key-0123456789-0123456789-012345678";
    private static final Instant ISSUED = Instant.parse("2026-11-26T09:30:00Z");
    private static final String ADDRESS_ID =
            new AddressKeys(Pepper.of("link-tokens-test-pepper-0123456789abcdefghij"))
                    .id(EmailAddress.parse("reader@example.org").orElseThrow());

    private static LinkTokens tokens(String json) {
        return new LinkTokens(TokenKeyRing.parse("TOKEN_KEYS", json), Duration.ofHours(48));
    }

    private final LinkTokens ring1 = tokens("{\"current\":\"k1\",\"k1\":\"" + K1 + "\"}");

    @Test
    void verify_shouldReturnWhatWasSigned() {
        String token =
                ring1.issue(
                        LinkToken.Purpose.CONFIRM,
                        ADDRESS_ID,
                        List.of("daily-briefing", "city-hall"),
                        ISSUED);
        LinkToken verified = ring1.verify(token, LinkToken.Purpose.CONFIRM, ISSUED.plusSeconds(60));
        assertEquals(ADDRESS_ID, verified.addressId());
        assertEquals(List.of("daily-briefing", "city-hall"), verified.newsletters());
        assertEquals(ISSUED, verified.issuedAt());
        assertFalse(token.contains("reader"), "the token must not carry the address");
    }

    @Test
    void verify_shouldReject_whenThePayloadWasChanged() {
        String token =
                ring1.issue(
                        LinkToken.Purpose.CONFIRM, ADDRESS_ID, List.of("daily-briefing"), ISSUED);
        String other =
                ring1.issue(LinkToken.Purpose.CONFIRM, ADDRESS_ID, List.of("city-hall"), ISSUED);
        String[] a = token.split("\\.");
        String[] b = other.split("\\.");
        String spliced = a[0] + "." + b[1] + "." + a[2];
        InvalidTokenException e =
                assertThrows(
                        InvalidTokenException.class,
                        () -> ring1.verify(spliced, LinkToken.Purpose.CONFIRM, ISSUED));
        assertFalse(e.expired());
    }

    @Test
    void verify_shouldReject_garbledTokens() {
        for (String garbled :
                new String[] {"", "abc", "k1..", "k1.!!!.???", "x".repeat(2000), "k9.abc.def"}) {
            assertThrows(
                    InvalidTokenException.class,
                    () -> ring1.verify(garbled, LinkToken.Purpose.CONFIRM, ISSUED),
                    garbled);
        }
    }

    @Test
    void verify_shouldReject_aTokenSignedWithAnotherSecret() {
        LinkTokens forged = tokens("{\"current\":\"k1\",\"k1\":\"" + K2 + "\"}");
        String token =
                forged.issue(
                        LinkToken.Purpose.UNSUBSCRIBE,
                        ADDRESS_ID,
                        List.of("daily-briefing"),
                        ISSUED);
        assertThrows(
                InvalidTokenException.class,
                () -> ring1.verify(token, LinkToken.Purpose.UNSUBSCRIBE, ISSUED));
    }

    @Test
    void verify_shouldReject_aConfirmTokenAfter48Hours() {
        String token =
                ring1.issue(
                        LinkToken.Purpose.CONFIRM, ADDRESS_ID, List.of("daily-briefing"), ISSUED);
        ring1.verify(
                token,
                LinkToken.Purpose.CONFIRM,
                ISSUED.plus(Duration.ofHours(48)).minusSeconds(1));
        InvalidTokenException e =
                assertThrows(
                        InvalidTokenException.class,
                        () ->
                                ring1.verify(
                                        token,
                                        LinkToken.Purpose.CONFIRM,
                                        ISSUED.plus(Duration.ofHours(48))));
        assertTrue(e.expired());
    }

    @Test
    void verify_shouldAccept_anUnsubscribeTokenYearsLater() {
        String token =
                ring1.issue(
                        LinkToken.Purpose.UNSUBSCRIBE,
                        ADDRESS_ID,
                        List.of("daily-briefing"),
                        ISSUED);
        assertEquals(
                ADDRESS_ID,
                ring1.verify(
                                token,
                                LinkToken.Purpose.UNSUBSCRIBE,
                                ISSUED.plus(Duration.ofDays(3650)))
                        .addressId());
    }

    @Test
    void verify_shouldReject_aTokenUsedForAnotherPurpose() {
        String unsubscribe =
                ring1.issue(
                        LinkToken.Purpose.UNSUBSCRIBE,
                        ADDRESS_ID,
                        List.of("daily-briefing"),
                        ISSUED);
        assertThrows(
                InvalidTokenException.class,
                () -> ring1.verify(unsubscribe, LinkToken.Purpose.CONFIRM, ISSUED));
    }

    @ParameterizedTest
    @EnumSource(
            value = LinkToken.Purpose.class,
            names = {"ERASE", "EXPORT"})
    void verify_shouldReject_anEraseOrExportTokenAfterOneHour(LinkToken.Purpose purpose) {
        String token = ring1.issue(purpose, ADDRESS_ID, List.of(), ISSUED);
        assertEquals(
                ADDRESS_ID,
                ring1.verify(token, purpose, ISSUED.plus(Duration.ofMinutes(59))).addressId());
        InvalidTokenException e =
                assertThrows(
                        InvalidTokenException.class,
                        () -> ring1.verify(token, purpose, ISSUED.plus(Duration.ofHours(1))));
        assertTrue(e.expired());
    }

    @ParameterizedTest
    @EnumSource(
            value = LinkToken.Purpose.class,
            names = {"ERASE", "EXPORT"})
    void verify_shouldReject_anUnsubscribeTokenForErasureOrExport(LinkToken.Purpose purpose) {
        String unsubscribe =
                ring1.issue(
                        LinkToken.Purpose.UNSUBSCRIBE,
                        ADDRESS_ID,
                        List.of("daily-briefing"),
                        ISSUED);
        InvalidTokenException e =
                assertThrows(
                        InvalidTokenException.class,
                        () -> ring1.verify(unsubscribe, purpose, ISSUED.plusSeconds(1)));
        assertFalse(e.expired());
    }

    @Test
    void verify_shouldReject_anEraseTokenUsedToExport_andTheOtherWayRound() {
        String erase = ring1.issue(LinkToken.Purpose.ERASE, ADDRESS_ID, List.of(), ISSUED);
        String export = ring1.issue(LinkToken.Purpose.EXPORT, ADDRESS_ID, List.of(), ISSUED);
        assertThrows(
                InvalidTokenException.class,
                () -> ring1.verify(erase, LinkToken.Purpose.EXPORT, ISSUED));
        assertThrows(
                InvalidTokenException.class,
                () -> ring1.verify(export, LinkToken.Purpose.ERASE, ISSUED));
        assertThrows(
                InvalidTokenException.class,
                () -> ring1.verify(erase, LinkToken.Purpose.UNSUBSCRIBE, ISSUED));
    }

    @Test
    void verify_shouldAccept_tokensOfARetiredKey_afterRotation() {
        String old =
                ring1.issue(
                        LinkToken.Purpose.UNSUBSCRIBE,
                        ADDRESS_ID,
                        List.of("daily-briefing"),
                        ISSUED);
        LinkTokens rotated =
                tokens("{\"current\":\"k2\",\"k2\":\"" + K2 + "\",\"k1\":\"" + K1 + "\"}");
        assertEquals(
                ADDRESS_ID, rotated.verify(old, LinkToken.Purpose.UNSUBSCRIBE, ISSUED).addressId());
        assertTrue(
                rotated.issue(LinkToken.Purpose.UNSUBSCRIBE, ADDRESS_ID, List.of(), ISSUED)
                        .startsWith("k2."));
    }

    @Test
    void parse_shouldFailTheColdStart_onAWeakOrIncompleteKeyRing() {
        assertThrows(
                ConfigException.class,
                () -> TokenKeyRing.parse("TOKEN_KEYS", "{\"current\":\"k1\",\"k1\":\"short\"}"));
        assertThrows(
                ConfigException.class,
                () ->
                        TokenKeyRing.parse(
                                "TOKEN_KEYS", "{\"current\":\"k2\",\"k1\":\"" + K1 + "\"}"));
        assertThrows(ConfigException.class, () -> TokenKeyRing.parse("TOKEN_KEYS", "not json"));
    }

    @Test
    void issue_shouldWriteKeyIdPayloadAndSignature_exactlyAsSpecified() throws Exception {
        // GIVEN the token format: <key id>.<base64url(purpose code|seconds|address id|newsletters)>
        // .<base64url(HMAC-SHA256(key, "<key id>.<payload>"))>, computed here independently
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String payload =
                base64.encodeToString(
                        ("c|"
                                        + ISSUED.getEpochSecond()
                                        + "|"
                                        + ADDRESS_ID
                                        + "|daily-briefing,city-hall")
                                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(K1.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature =
                base64.encodeToString(
                        mac.doFinal(("k1." + payload).getBytes(StandardCharsets.UTF_8)));
        // WHEN/THEN
        assertEquals(
                "k1." + payload + "." + signature,
                ring1.issue(
                        LinkToken.Purpose.CONFIRM,
                        ADDRESS_ID,
                        List.of("daily-briefing", "city-hall"),
                        ISSUED));
        // and with no newsletters, the payload ends with its separator
        String unsubscribe =
                ring1.issue(LinkToken.Purpose.UNSUBSCRIBE, ADDRESS_ID, List.of(), ISSUED);
        assertEquals(
                base64.encodeToString(
                        ("u|" + ISSUED.getEpochSecond() + "|" + ADDRESS_ID + "|")
                                .getBytes(StandardCharsets.UTF_8)),
                unsubscribe.split("\\.")[1]);
    }
}

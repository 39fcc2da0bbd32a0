package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StripeSignatureTest {

    private static final String SECRET = "whsec_test_secret";
    private static final long T = 1_764_000_000L;
    private static final byte[] BODY =
            "{\n  \"id\": \"evt_1\",\n  \"type\": \"invoice.paid\"\n}"
                    .getBytes(StandardCharsets.UTF_8);

    private static StripeSignature at(long nowSeconds) {
        return new StripeSignature(
                SECRET,
                StripeSignature.DEFAULT_TOLERANCE,
                Clock.fixed(Instant.ofEpochSecond(nowSeconds), ZoneOffset.UTC));
    }

    private static String reason(StripeSignature verifier, String header, byte[] body) {
        return assertThrows(
                        StripeSignature.InvalidSignatureException.class,
                        () -> verifier.verify(Optional.ofNullable(header).orElse(""), body))
                .reason();
    }

    @Test
    void verify_shouldAccept_whenSignatureMatchesBodyAndTime() {
        assertDoesNotThrow(() -> at(T + 5).verify(StripeSignature.header(SECRET, T, BODY), BODY));
    }

    @Test
    void verify_shouldMatchKnownVector_computedIndependently() {
        // HMAC-SHA256 keyed "whsec_test_secret" over "1764000000." + body, computed with another
        // implementation.
        String header =
                "t=1764000000,v1=8a54e78b7b10d4c360648355e1aa02dcef9540d65a9e2c2b727d48cd9739154c";
        assertEquals(header, StripeSignature.header(SECRET, T, BODY));
        assertDoesNotThrow(() -> at(T).verify(header, BODY));
    }

    @Test
    void verify_shouldReject_whenSignedWithAnotherSecret() {
        assertEquals(
                "no-match", reason(at(T), StripeSignature.header("whsec_other", T, BODY), BODY));
    }

    @Test
    void verify_shouldReject_when301SecondsStale() {
        assertEquals(
                "outside-tolerance",
                reason(at(T + 301), StripeSignature.header(SECRET, T, BODY), BODY));
    }

    @Test
    void verify_shouldReject_when301SecondsInTheFuture() {
        assertEquals(
                "outside-tolerance",
                reason(at(T - 301), StripeSignature.header(SECRET, T, BODY), BODY));
    }

    @Test
    void verify_shouldAccept_atExactly300SecondsEitherWay() {
        String header = StripeSignature.header(SECRET, T, BODY);
        assertDoesNotThrow(() -> at(T + 300).verify(header, BODY));
        assertDoesNotThrow(() -> at(T - 300).verify(header, BODY));
    }

    @Test
    void verify_shouldReject_whenTimestampIsNotANumber() {
        String v1 = StripeSignature.header(SECRET, T, BODY).split(",")[1];
        assertEquals("bad-timestamp", reason(at(T), "t=abc," + v1, BODY));
    }

    @Test
    void verify_shouldReject_whenHeaderMissingOrBlank() {
        assertEquals("missing-header", reason(at(T), null, BODY));
        assertEquals("missing-header", reason(at(T), "   ", BODY));
    }

    @Test
    void verify_shouldReject_whenThereIsNoV1() {
        assertEquals("no-signature", reason(at(T), "t=" + T + ",v0=abc", BODY));
        assertEquals("no-signature", reason(at(T), "t=" + T, BODY));
    }

    @Test
    void verify_shouldReject_whenHeaderIsGarbage() {
        assertEquals("malformed-header", reason(at(T), "nonsense", BODY));
        assertEquals("malformed-header", reason(at(T), "t=" + T + ",,v1=00", BODY));
        assertEquals("duplicate-timestamp", reason(at(T), "t=" + T + ",t=" + T + ",v1=00", BODY));
        assertEquals("bad-timestamp", reason(at(T), "t=99999999999999999999,v1=00", BODY));
        assertEquals("bad-timestamp", reason(at(T), "t=-5,v1=00", BODY));
    }

    @Test
    void verify_shouldAccept_whenOneOfSeveralV1Matches() {
        String good = StripeSignature.header(SECRET, T, BODY).split(",")[1];
        String bad = StripeSignature.header("whsec_old", T, BODY).split(",")[1];
        assertDoesNotThrow(() -> at(T).verify("t=" + T + "," + bad + ",v1=zz," + good, BODY));
    }

    @Test
    void verify_shouldReject_whenBodyWasReserialised() {
        String header = StripeSignature.header(SECRET, T, BODY);
        byte[] compact =
                "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("no-match", reason(at(T), header, compact));
    }

    @Test
    void verify_shouldUseTheSecretsReadNow_notTheKeysOfThoseReadBefore() {
        StripeWebhookSecrets[] current = {StripeWebhookSecrets.parse(SECRET)};
        StripeSignature verifier =
                new StripeSignature(
                        () -> current[0],
                        StripeSignature.DEFAULT_TOLERANCE,
                        Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC));
        assertDoesNotThrow(() -> verifier.verify(StripeSignature.header(SECRET, T, BODY), BODY));
        assertDoesNotThrow(() -> verifier.verify(StripeSignature.header(SECRET, T, BODY), BODY));

        // The secret is rolled and read again: the old one stops verifying at once.
        current[0] = StripeWebhookSecrets.parse("whsec_rolled");
        assertDoesNotThrow(
                () -> verifier.verify(StripeSignature.header("whsec_rolled", T, BODY), BODY));
        assertEquals("no-match", reason(verifier, StripeSignature.header(SECRET, T, BODY), BODY));
    }

    @Test
    void verify_shouldAcceptBothSecrets_duringARotation() {
        StripeSignature rotating =
                new StripeSignature(
                        () ->
                                StripeWebhookSecrets.parse(
                                        "{\"current\":\"whsec_new\",\"previous\":\""
                                                + SECRET
                                                + "\"}"),
                        StripeSignature.DEFAULT_TOLERANCE,
                        Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC));
        assertDoesNotThrow(() -> rotating.verify(StripeSignature.header(SECRET, T, BODY), BODY));
        assertDoesNotThrow(
                () -> rotating.verify(StripeSignature.header("whsec_new", T, BODY), BODY));
        assertEquals(
                "no-match", reason(rotating, StripeSignature.header("whsec_other", T, BODY), BODY));
    }

    @Test
    void webhookSecrets_shouldReadJsonOrABareSecret_andRefuseNoCurrent() {
        assertEquals(
                java.util.List.of("whsec_a", "whsec_b"),
                StripeWebhookSecrets.parse("{\"current\":\"whsec_a\",\"previous\":\"whsec_b\"}")
                        .secrets());
        assertEquals(
                java.util.List.of("whsec_a"), StripeWebhookSecrets.parse(" whsec_a ").secrets());
        assertThrows(
                org.newsroom.core.config.ConfigException.class,
                () -> StripeWebhookSecrets.parse("{\"previous\":\"whsec_b\"}"));
        assertEquals(
                "StripeWebhookSecrets[1 redacted]",
                StripeWebhookSecrets.parse("whsec_a").toString());
    }

    /**
     * How the header was read before it was parsed in place: {@code split(",")}, each part's name
     * and value trimmed. The answer (accepted, or the reason) must not change for any header.
     */
    private static String splitReading(String header, byte[] body, long now, String... secrets) {
        String value = header.trim();
        if (value.isEmpty()) {
            return "missing-header";
        }
        if (value.length() > 4096) {
            return "header-too-long";
        }
        String timestamp = null;
        java.util.List<byte[]> candidates = new java.util.ArrayList<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return "malformed-header";
            }
            String key = part.substring(0, eq).trim();
            String item = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                if (timestamp != null) {
                    return "duplicate-timestamp";
                }
                timestamp = item;
            } else if (key.equals("v1") && item.length() == 64 && item.matches("[0-9a-fA-F]+")) {
                candidates.add(java.util.HexFormat.of().parseHex(item));
            }
        }
        if (timestamp == null
                || timestamp.isEmpty()
                || timestamp.length() > 12
                || !timestamp.matches("[0-9]+")) {
            return "bad-timestamp";
        }
        if (candidates.isEmpty()) {
            return "no-signature";
        }
        if (Math.abs(now - Long.parseLong(timestamp)) > 300) {
            return "outside-tolerance";
        }
        for (String secret : secrets) {
            String signed = StripeSignature.header(secret, Long.parseLong(timestamp), body);
            byte[] expected =
                    java.util.HexFormat.of().parseHex(signed.substring(signed.indexOf(",v1=") + 4));
            for (byte[] candidate : candidates) {
                if (java.util.Arrays.equals(expected, candidate)) {
                    return "accepted";
                }
            }
        }
        return "no-match";
    }

    private static String answer(StripeSignature verifier, String header, byte[] body) {
        try {
            verifier.verify(header, body);
            return "accepted";
        } catch (StripeSignature.InvalidSignatureException e) {
            return e.reason();
        }
    }

    @Test
    void verify_shouldAnswerAsTheSplitReadingDid_forEveryShapeOfHeader() {
        String good = StripeSignature.header(SECRET, T, BODY).substring(("t=" + T + ",").length());
        String other = StripeSignature.header("whsec_other", T, BODY);
        String otherV1 = other.substring(other.indexOf("v1="));
        java.util.List<String> headers =
                java.util.List.of(
                        "t=" + T + "," + good,
                        " t=" + T + " , " + good + " ",
                        "t = " + T + ",v1 = " + good.substring(3),
                        good + ",t=" + T,
                        "t=" + T + "," + good + ",",
                        "t=" + T + "," + good + ",,,",
                        "t=" + T + ",," + good,
                        ",t=" + T + "," + good,
                        ",",
                        ",,,",
                        "t=" + T + "," + good + ", ,",
                        "t=" + T + "," + good + ",=x",
                        "t=" + T + "," + good + ", =x",
                        "t=" + T + "," + good + ",novalue",
                        "t=" + T + "," + good + ",v0=abc,x=y=z",
                        "t=" + T + ",t=" + T + "," + good,
                        "t=" + T + "," + otherV1,
                        "t=" + T + "," + otherV1 + "," + good,
                        "t="
                                + T
                                + ","
                                + good.toUpperCase(java.util.Locale.ROOT).replace("V1=", "v1="),
                        "t=" + T + ",V1=" + good.substring(3),
                        "t=" + T + ",v1=" + good.substring(4),
                        "t=" + T + ",v1=" + good.substring(3) + "0",
                        "t=" + T + ",v1=" + good.substring(3, 66) + "g",
                        "t=,v1=" + good.substring(3),
                        "t=" + (T - 301) + "," + good,
                        "t=" + T + "\t," + good,
                        "t=\u00a0" + T + "," + good,
                        "t=" + T + "=," + good,
                        "t==" + T + "," + good,
                        "tt=" + T + "," + good,
                        "v1=" + good.substring(3),
                        "t=" + T);
        StripeSignature verifier = at(T);
        for (String header : headers) {
            assertEquals(
                    splitReading(header, BODY, T, SECRET), answer(verifier, header, BODY), header);
        }
    }
}

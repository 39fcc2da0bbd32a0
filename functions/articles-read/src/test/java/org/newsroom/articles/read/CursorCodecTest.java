package org.newsroom.articles.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPosition;

class CursorCodecTest {

    static final String KEY = "local-only-cursor-key-0123456789abcdef";

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final ListingPosition POSITION =
            new ListingPosition(
                    Listing.section("city"),
                    Instant.parse("2026-11-25T07:15:00Z"),
                    "harbour-bridge");

    private final CursorCodec codec = new CursorCodec(() -> KEY.getBytes(StandardCharsets.UTF_8));

    private static String base64(String raw) {
        return base64(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void decode_shouldReturnThePosition_forACursorOfTheSameListing() {
        String cursor = codec.encode(POSITION);
        assertEquals(Optional.of(POSITION), codec.decode(cursor, Listing.section("city"), NOW));
    }

    @Test
    void encode_shouldBeUrlSafe() {
        String cursor = codec.encode(POSITION);
        assertTrue(cursor.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), cursor);
    }

    @Test
    void decode_shouldReject_aWellFormedPositionWithAForgedTag() {
        String position = codec.encode(POSITION).split("\\.")[0];
        String[] forged = {
            position + "." + base64(new byte[16]),
            position + "." + base64(new byte[0]),
            position,
            codec.encode(
                                    new ListingPosition(
                                            Listing.section("city"),
                                            Instant.parse("2026-11-20T07:15:00Z"),
                                            "harbour-bridge"))
                            .split("\\.")[0]
                    + "."
                    + codec.encode(POSITION).split("\\.")[1],
        };
        for (String cursor : forged) {
            assertEquals(
                    Optional.empty(), codec.decode(cursor, Listing.section("city"), NOW), cursor);
        }
    }

    @Test
    void decode_shouldReject_aCursorSignedWithAnotherKey_soARotationInvalidatesOldCursors() {
        AtomicReference<String> key = new AtomicReference<>(KEY);
        CursorCodec rotating = new CursorCodec(() -> key.get().getBytes(StandardCharsets.UTF_8));
        String cursor = rotating.encode(POSITION);
        key.set("a-new-key-after-rotation-0123456789abcdef");
        assertEquals(Optional.empty(), rotating.decode(cursor, Listing.section("city"), NOW));
    }

    @Test
    void decode_shouldReject_whenCursorComesFromAnotherListing() {
        String cursor = codec.encode(POSITION);
        assertEquals(Optional.empty(), codec.decode(cursor, Listing.ALL, NOW));
        assertEquals(Optional.empty(), codec.decode(cursor, Listing.section("climate"), NOW));
        assertEquals(Optional.empty(), codec.decode(cursor, Listing.tag("city"), NOW));
    }

    @Test
    void decode_shouldReject_whenTimeIsInTheFuture() {
        String cursor =
                codec.encode(new ListingPosition(Listing.ALL, NOW.plusSeconds(1), "tomorrow"));
        assertEquals(Optional.empty(), codec.decode(cursor, Listing.ALL, NOW));
    }

    /** Correctly signed, so only the structure checks can reject them. */
    private static String signed(String raw) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(
                    new javax.crypto.spec.SecretKeySpec(
                            KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return base64(bytes) + "." + base64(java.util.Arrays.copyOf(mac.doFinal(bytes), 16));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void decode_shouldReject_garbledCursors_evenWhenSigned() {
        String[] garbled = {
            "",
            "not base64 !!",
            "%%%",
            "x".repeat(600),
            signed("c2\nALL\n2026-11-25T07:15:00Z"),
            signed("c1\nALL\n2026-11-25T07:15:00Z\nslug"),
            signed("c2\nALL\nyesterday\nslug"),
            signed("c2\nALL\n2026-13-45T07:15:00Z\nslug"),
            signed("c2\nALL\n2026-11-25T07:15:00Z\nNot A Slug"),
            signed("c2\nALL\n2026-11-25T07:15:00Z\nslug\nextra"),
        };
        for (String cursor : garbled) {
            assertEquals(Optional.empty(), codec.decode(cursor, Listing.ALL, NOW), cursor);
        }
        assertEquals(
                Optional.of(new ListingPosition(Listing.ALL, NOW.minusSeconds(60), "slug")),
                codec.decode(signed("c2\nALL\n2026-11-26T08:59:00Z\nslug"), Listing.ALL, NOW),
                "the signing helper makes cursors the codec accepts");
    }

    @Test
    void parseKey_shouldRefuseShortKeys() {
        assertThrows(IllegalArgumentException.class, () -> CursorCodec.parseKey("short"));
        assertEquals(KEY.length(), CursorCodec.parseKey(" " + KEY + "\n").length);
    }
}

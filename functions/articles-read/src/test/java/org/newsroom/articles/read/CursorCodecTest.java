package org.newsroom.articles.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPosition;

class CursorCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final ListingPosition POSITION =
            new ListingPosition(
                    Listing.section("city"),
                    Instant.parse("2026-11-25T07:15:00Z"),
                    "harbour-bridge");

    private static String encodeRaw(String raw) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decode_shouldReturnThePosition_forACursorOfTheSameListing() {
        String cursor = CursorCodec.encode(POSITION);
        assertEquals(
                Optional.of(POSITION), CursorCodec.decode(cursor, Listing.section("city"), NOW));
    }

    @Test
    void encode_shouldBeUrlSafe() {
        String cursor = CursorCodec.encode(POSITION);
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
    }

    @Test
    void decode_shouldReject_whenCursorComesFromAnotherListing() {
        String cursor = CursorCodec.encode(POSITION);
        assertEquals(Optional.empty(), CursorCodec.decode(cursor, Listing.ALL, NOW));
        assertEquals(Optional.empty(), CursorCodec.decode(cursor, Listing.section("climate"), NOW));
        assertEquals(Optional.empty(), CursorCodec.decode(cursor, Listing.tag("city"), NOW));
    }

    @Test
    void decode_shouldReject_whenTimeIsInTheFuture() {
        String cursor =
                CursorCodec.encode(
                        new ListingPosition(Listing.ALL, NOW.plusSeconds(1), "tomorrow"));
        assertEquals(Optional.empty(), CursorCodec.decode(cursor, Listing.ALL, NOW));
    }

    @Test
    void decode_shouldReject_garbledCursors() {
        String[] garbled = {
            "",
            "not base64 !!",
            "%%%",
            "x".repeat(600),
            encodeRaw("c1\nALL\n2026-11-25T07:15:00Z"),
            encodeRaw("c2\nALL\n2026-11-25T07:15:00Z\nslug"),
            encodeRaw("c1\nALL\nyesterday\nslug"),
            encodeRaw("c1\nALL\n2026-13-45T07:15:00Z\nslug"),
            encodeRaw("c1\nALL\n2026-11-25T07:15:00Z\nNot A Slug"),
            encodeRaw("c1\nALL\n2026-11-25T07:15:00Z\nslug\nextra"),
        };
        for (String cursor : garbled) {
            assertEquals(Optional.empty(), CursorCodec.decode(cursor, Listing.ALL, NOW), cursor);
        }
    }
}

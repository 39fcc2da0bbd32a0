package org.newsroom.articles.read;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPosition;
import org.newsroom.articles.Slugs;

/**
 * Opaque pagination cursors. A cursor names the listing it belongs to and the last article of the
 * page; decoding checks every part, so a garbled cursor or one from another listing is rejected
 * instead of reaching DynamoDB.
 */
final class CursorCodec {

    private static final String VERSION = "c1";
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final int MAX_LENGTH = 512;

    private CursorCodec() {}

    static String encode(ListingPosition position) {
        String raw =
                VERSION
                        + "\n"
                        + position.listing().key()
                        + "\n"
                        + position.publishedAt().toString()
                        + "\n"
                        + position.slug();
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position in {@code listing}, or empty when the cursor is not a valid cursor of that
     * listing.
     */
    static Optional<ListingPosition> decode(String cursor, Listing listing, Instant now) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] parts = raw.split("\n", -1);
        if (parts.length != 4
                || !parts[0].equals(VERSION)
                || !parts[1].equals(listing.key())
                || !TIMESTAMP.matcher(parts[2]).matches()
                || !Slugs.isValid(parts[3])) {
            return Optional.empty();
        }
        Instant publishedAt;
        try {
            publishedAt = Instant.parse(parts[2]);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        if (publishedAt.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new ListingPosition(listing, publishedAt, parts[3]));
    }
}

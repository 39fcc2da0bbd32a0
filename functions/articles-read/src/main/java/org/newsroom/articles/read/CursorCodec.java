package org.newsroom.articles.read;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPosition;
import org.newsroom.articles.Slugs;
import org.newsroom.core.crypto.HmacSha256;
import org.newsroom.core.time.Timestamps;

/**
 * Opaque, tamper-evident pagination cursors: {@code base64url(position) "." base64url(tag)}, the
 * tag an HMAC-SHA256 (truncated to 128 bits) of the position under a key from Secrets Manager. A
 * cursor names the listing it belongs to and the last article of the page. Decoding checks the tag
 * first (in constant time) and then every part, so a forged, garbled or foreign cursor is rejected
 * instead of reaching DynamoDB. Rotating the key invalidates the cursors handed out before; a
 * reader then starts again from the first page.
 */
public final class CursorCodec {

    /** Shortest key accepted: 32 bytes, HMAC-SHA256's block-size half. */
    static final int MIN_KEY_BYTES = 32;

    private static final String VERSION = "c2";
    private static final int TAG_BYTES = 16;
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final int MAX_LENGTH = 512;

    private final Supplier<byte[]> key;

    /** {@code key} is asked at each use, so a cached secret's new value is picked up. */
    public CursorCodec(Supplier<byte[]> key) {
        this.key = key;
    }

    /**
     * The key bytes of a secret value (the secret's whole string).
     *
     * @throws IllegalArgumentException when it is shorter than {@value #MIN_KEY_BYTES} bytes
     */
    public static byte[] parseKey(String secret) {
        byte[] bytes = secret.strip().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "The cursor key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        return bytes;
    }

    String encode(ListingPosition position) {
        String raw =
                VERSION
                        + "\n"
                        + position.listing().key()
                        + "\n"
                        + position.publishedAt().toString()
                        + "\n"
                        + position.slug();
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(bytes) + "." + base64.encodeToString(tag(bytes));
    }

    /**
     * The position in {@code listing}, or empty when the cursor is not a valid cursor of that
     * listing signed with the current key.
     */
    Optional<ListingPosition> decode(String cursor, Listing listing, Instant now) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = cursor.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        byte[] bytes;
        byte[] tag;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
            tag = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(tag(bytes), tag)) {
            return Optional.empty();
        }
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 4
                || !parts[0].equals(VERSION)
                || !parts[1].equals(listing.key())
                || !TIMESTAMP.matcher(parts[2]).matches()
                || !Slugs.isValid(parts[3])) {
            return Optional.empty();
        }
        Instant publishedAt;
        try {
            publishedAt = Timestamps.parse(parts[2]);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        if (publishedAt.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new ListingPosition(listing, publishedAt, parts[3]));
    }

    private byte[] tag(byte[] message) {
        return Arrays.copyOf(HmacSha256.of(key.get(), message), TAG_BYTES);
    }
}

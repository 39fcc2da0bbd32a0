package org.newsroom.memberships;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.newsroom.core.crypto.HmacSha256;

/**
 * Verifies Stripe's webhook signature scheme.
 *
 * <p>The {@code Stripe-Signature} header is {@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]}; each
 * {@code v1} is HMAC-SHA256, keyed with the endpoint secret, over the bytes {@code "<t>." + raw
 * body}. Any one {@code v1} may match, under any of the endpoint's secrets: Stripe sends several
 * while a secret is being rolled, and during that overlap the previous secret still verifies. The
 * timestamp must be within the tolerance (300 s by default) in both directions, so an old captured
 * delivery cannot be replayed and a clock far ahead is refused. Comparisons are constant-time.
 * Every malformed header is an {@link InvalidSignatureException}, never another exception.
 */
public final class StripeSignature {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);
    private static final int MAX_HEADER_LENGTH = 4096;
    private static final int MAX_TIMESTAMP_DIGITS = 12;
    private static final int SIGNATURE_HEX_LENGTH = 64;

    private final Supplier<StripeWebhookSecrets> secrets;
    private final Duration tolerance;
    private final Clock clock;

    /** One fixed secret. */
    public StripeSignature(String secret, Duration tolerance, Clock clock) {
        this(fixed(secret), tolerance, clock);
    }

    /**
     * The secrets current at each verification (read at run time, see {@code CachedSecret}): a
     * signature made with any of them is accepted.
     */
    public StripeSignature(
            Supplier<StripeWebhookSecrets> secrets, Duration tolerance, Clock clock) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static Supplier<StripeWebhookSecrets> fixed(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("The webhook secret must not be blank");
        }
        StripeWebhookSecrets value = new StripeWebhookSecrets(List.of(secret));
        return () -> value;
    }

    /**
     * Returns normally when {@code header} (the {@code Stripe-Signature} value; empty when the
     * request had none) signs exactly these body bytes, now.
     *
     * <p>The header is read in place, part by part, as {@code value.split(",")} would cut it (a
     * trailing run of commas ends it; any other empty part is malformed), with each part's name and
     * value trimmed: no array, substrings or trimmed copies per delivery.
     */
    public void verify(String header, byte[] body) {
        String value = header.trim();
        if (value.isEmpty()) {
            throw new InvalidSignatureException("missing-header");
        }
        if (value.length() > MAX_HEADER_LENGTH) {
            throw new InvalidSignatureException("header-too-long");
        }
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == ',') {
            end--;
        }
        String timestamp = null;
        List<byte[]> candidates = new ArrayList<>(2);
        int start = 0;
        while (start < end) {
            int comma = value.indexOf(',', start);
            int partEnd = comma < 0 || comma > end ? end : comma;
            int eq = value.indexOf('=', start);
            if (eq < 0 || eq >= partEnd || eq == start) {
                throw new InvalidSignatureException("malformed-header");
            }
            int keyStart = skipSpace(value, start, eq);
            int keyEnd = trimEnd(value, keyStart, eq);
            int itemStart = skipSpace(value, eq + 1, partEnd);
            int itemEnd = trimEnd(value, itemStart, partEnd);
            if (keyEnd - keyStart == 1 && value.charAt(keyStart) == 't') {
                if (timestamp != null) {
                    throw new InvalidSignatureException("duplicate-timestamp");
                }
                timestamp = value.substring(itemStart, itemEnd);
            } else if (keyEnd - keyStart == 2
                    && value.startsWith("v1", keyStart)
                    && itemEnd - itemStart == SIGNATURE_HEX_LENGTH
                    && isHex(value, itemStart, itemEnd)) {
                candidates.add(HexFormat.of().parseHex(value, itemStart, itemEnd));
            }
            // Other schemes (v0 is Stripe's test scheme) are ignored on purpose.
            start = partEnd + 1;
        }
        if (timestamp == null
                || timestamp.isEmpty()
                || timestamp.length() > MAX_TIMESTAMP_DIGITS
                || !isDigits(timestamp)) {
            throw new InvalidSignatureException("bad-timestamp");
        }
        if (candidates.isEmpty()) {
            throw new InvalidSignatureException("no-signature");
        }
        long signedAt = Long.parseLong(timestamp);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - signedAt) > tolerance.toSeconds()) {
            throw new InvalidSignatureException("outside-tolerance");
        }
        byte[] signedPrefix = signedPrefix(timestamp);
        boolean matched = false;
        for (byte[] key : keys(secrets.get())) {
            byte[] expected = HmacSha256.of(key, signedPrefix, body);
            for (byte[] candidate : candidates) {
                // No early exit: every candidate is compared, in constant time.
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (!matched) {
            throw new InvalidSignatureException("no-match");
        }
    }

    /**
     * Each secret's UTF-8 bytes, made per verification and never kept: a field holding them would
     * outlive the cached secret's refresh and could carry a key into a SnapStart snapshot.
     */
    private static List<byte[]> keys(StripeWebhookSecrets current) {
        List<byte[]> keys = new ArrayList<>(current.secrets().size());
        for (String secret : current.secrets()) {
            keys.add(secret.getBytes(StandardCharsets.UTF_8));
        }
        return keys;
    }

    /** {@code "<t>."} in ASCII: the timestamp is digits only once checked. */
    private static byte[] signedPrefix(String timestamp) {
        byte[] prefix = new byte[timestamp.length() + 1];
        for (int i = 0; i < timestamp.length(); i++) {
            prefix[i] = (byte) timestamp.charAt(i);
        }
        prefix[timestamp.length()] = '.';
        return prefix;
    }

    /**
     * The first index in {@code [from, to)} that {@link String#trim} would keep, else {@code to}.
     */
    private static int skipSpace(String text, int from, int to) {
        while (from < to && text.charAt(from) <= ' ') {
            from++;
        }
        return from;
    }

    /** The end of {@code [from, to)} once what {@link String#trim} removes at the end is gone. */
    private static int trimEnd(String text, int from, int to) {
        while (to > from && text.charAt(to - 1) <= ' ') {
            to--;
        }
        return to;
    }

    /**
     * The header Stripe would send for this body at this time; used by tests and the local sender.
     */
    public static String header(String secret, long unixSeconds, byte[] body) {
        String t = Long.toString(unixSeconds);
        return "t="
                + t
                + ",v1="
                + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), t, body));
    }

    private static byte[] hmac(byte[] key, String timestamp, byte[] body) {
        return HmacSha256.of(key, (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** The signature is missing, malformed, stale, from the future or does not match. */
    public static final class InvalidSignatureException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String reason;

        public InvalidSignatureException(String reason) {
            super("Invalid webhook signature: " + reason);
            this.reason = reason;
        }

        /** A short, log-safe reason code such as {@code outside-tolerance}. */
        public String reason() {
            return reason;
        }
    }
}

package org.newsroom.subscriptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.newsroom.core.crypto.HmacSha256;

/**
 * Signed link tokens: {@code <key id>.<payload>.<signature>}, where the payload (base64url) is
 * {@code purpose|issued-at seconds|address id|newsletter,newsletter} and the signature is
 * HMAC-SHA256 over {@code <key id>.<payload>} with that key. Tokens are never stored; they are
 * verified by recomputing the signature and comparing in constant time.
 *
 * <p>Confirm tokens expire after {@code confirmTtl} (48 hours by default); unsubscribe tokens never
 * expire, as RFC 8058 expects of List-Unsubscribe links; erase and export tokens, which delete or
 * show a reader's data, expire after {@link #SHORT_TTL} (one hour).
 */
public final class LinkTokens {

    public static final Duration DEFAULT_CONFIRM_TTL = Duration.ofHours(48);

    /** Lifetime of erase and export links: they are emailed on request and used at once. */
    public static final Duration SHORT_TTL = Duration.ofHours(1);

    /** Longest accepted token: anything longer is garbage and is rejected before any work. */
    public static final int MAX_TOKEN_LENGTH = 1024;

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Pattern ADDRESS_ID = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Supplier<TokenKeyRing> keys;
    private final Duration confirmTtl;

    /** One fixed key ring. */
    public LinkTokens(TokenKeyRing keys, Duration confirmTtl) {
        this(() -> keys, confirmTtl);
    }

    /**
     * The key ring current at each call (read at run time from Secrets Manager, see {@code
     * CachedSecret}), so a rotated ring takes effect without a deploy.
     */
    public LinkTokens(Supplier<TokenKeyRing> keys, Duration confirmTtl) {
        this.keys = keys;
        this.confirmTtl = confirmTtl;
    }

    public Duration confirmTtl() {
        return confirmTtl;
    }

    public String issue(
            LinkToken.Purpose purpose,
            String addressId,
            List<String> newsletters,
            Instant issuedAt) {
        // Built with a StringBuilder rather than string concatenation: each new shape of a
        // concatenation costs its own bootstrap on a cold JVM, and this one runs on a mailer's
        // first request.
        StringBuilder payload =
                new StringBuilder(96)
                        .append(purpose.code())
                        .append('|')
                        .append(issuedAt.getEpochSecond())
                        .append('|')
                        .append(addressId)
                        .append('|');
        for (int i = 0; i < newsletters.size(); i++) {
            if (i > 0) {
                payload.append(',');
            }
            payload.append(newsletters.get(i));
        }
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String encoded = base64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        TokenKeyRing ring = keys.get();
        String signed = new StringBuilder(ring.currentId()).append('.').append(encoded).toString();
        return new StringBuilder(signed.length() + 44)
                .append(signed)
                .append('.')
                .append(base64.encodeToString(mac(ring.current(), signed)))
                .toString();
    }

    /**
     * Verifies a token for {@code expected} purpose at {@code now}; throws {@link
     * InvalidTokenException} otherwise.
     */
    public LinkToken verify(String token, LinkToken.Purpose expected, Instant now) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("missing or oversized", false);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("garbled", false);
        }
        byte[] key =
                keys.get()
                        .find(parts[0])
                        .orElseThrow(() -> new InvalidTokenException("unknown key", false));
        byte[] given;
        byte[] payloadBytes;
        try {
            given = Base64.getUrlDecoder().decode(parts[2]);
            payloadBytes = Base64.getUrlDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("garbled", false);
        }
        byte[] computed = mac(key, parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(computed, given)) {
            throw new InvalidTokenException("bad signature", false);
        }
        String[] fields = new String(payloadBytes, StandardCharsets.UTF_8).split("\\|", -1);
        if (fields.length != 4) {
            throw new InvalidTokenException("garbled", false);
        }
        LinkToken.Purpose purpose;
        Instant issuedAt;
        try {
            purpose = LinkToken.Purpose.fromCode(fields[0]);
            issuedAt = Instant.ofEpochSecond(Long.parseLong(fields[1]));
        } catch (RuntimeException e) {
            throw new InvalidTokenException("garbled", false);
        }
        if (purpose != expected) {
            throw new InvalidTokenException("wrong purpose", false);
        }
        if (!ADDRESS_ID.matcher(fields[2]).matches()) {
            throw new InvalidTokenException("garbled", false);
        }
        List<String> newsletters =
                fields[3].isEmpty() ? List.of() : Arrays.asList(fields[3].split(","));
        if (newsletters.stream().anyMatch(n -> !Newsletter.isValidId(n))) {
            throw new InvalidTokenException("garbled", false);
        }
        if (issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("issued in the future", false);
        }
        Optional<Duration> ttl = ttl(purpose);
        if (ttl.isPresent() && !now.isBefore(issuedAt.plus(ttl.get()))) {
            throw new InvalidTokenException("expired", true);
        }
        return new LinkToken(purpose, fields[2], newsletters, issuedAt);
    }

    /**
     * How long a token of {@code purpose} works; empty for unsubscribe tokens, which never expire.
     */
    public Optional<Duration> ttl(LinkToken.Purpose purpose) {
        return switch (purpose) {
            case CONFIRM -> Optional.of(confirmTtl);
            case ERASE, EXPORT -> Optional.of(SHORT_TTL);
            case UNSUBSCRIBE -> Optional.empty();
        };
    }

    private static byte[] mac(byte[] key, String data) {
        return HmacSha256.of(key, data.getBytes(StandardCharsets.UTF_8));
    }
}

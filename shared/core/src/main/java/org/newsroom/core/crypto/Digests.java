package org.newsroom.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SHA-256 digests in the two spellings the stores use: lower-case hex and unpadded base64url. Used
 * wherever a value must be recognised again without being kept (gift codes, client addresses in
 * rate-limit keys, pseudonymous ids, entity tags).
 */
public final class Digests {

    /** One instance per thread: a provider lookup per digest showed in warm requests. */
    private static final ThreadLocal<MessageDigest> SHA256 = new ThreadLocal<>();

    private Digests() {}

    /** The SHA-256 of the UTF-8 bytes of {@code text}. */
    public static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code bytes}. */
    public static byte[] sha256(byte[] bytes) {
        MessageDigest digest = SHA256.get();
        if (digest == null) {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by the Java platform", e);
            }
            SHA256.set(digest);
        }
        // digest() resets it for the next call.
        return digest.digest(bytes);
    }

    /** The SHA-256 of {@code text} as 64 lower-case hex digits. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    /** The SHA-256 of {@code text} as 43 unpadded base64url characters. */
    public static String sha256Base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(text));
    }
}

package org.newsroom.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import org.newsroom.core.secrets.SecretSetting;

/**
 * Keyed digests (HMAC-SHA256 with a secret pepper) of values that must be recognised again but
 * never kept or guessable: email addresses and client IP addresses used as keys. A bare SHA-256 of
 * an address can be reversed by hashing a list of candidate addresses; without the pepper these
 * digests cannot.
 *
 * <p>Each digest names its purpose ({@code "address"}, {@code "mailbox"}, {@code "client"}), so the
 * same text gives unrelated digests in different roles. The pepper comes from a Secrets Manager
 * secret ({@code PEPPER_SECRET_ID}) generated once by the stack: changing it orphans every key made
 * with it (README, "The pepper").
 */
public final class Pepper {

    /** The shortest pepper accepted: 32 characters (the stack generates 64). */
    public static final int MIN_LENGTH = 32;

    private final Supplier<byte[]> key;

    /** The pepper current at each call (a {@code CachedSecret}, read at run time). */
    public Pepper(Supplier<byte[]> key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /** A fixed pepper (tests, tools): {@code secret} as {@link #parseSecret} reads it. */
    public static Pepper of(String secret) {
        byte[] bytes = parseSecret(secret);
        return new Pepper(() -> bytes);
    }

    /** The pepper of the secret named by {@code setting}, read from AWS Secrets Manager. */
    private static final byte[] SEPARATOR = {0};

    public static Pepper inSecretsManager(SecretSetting setting) {
        return new Pepper(setting.openInSecretsManager(Pepper::parseSecret));
    }

    /**
     * The key bytes of a secret value: its UTF-8 bytes once trimmed.
     *
     * @throws IllegalArgumentException when it is shorter than {@link #MIN_LENGTH}
     */
    public static byte[] parseSecret(String secret) {
        String trimmed = secret == null ? "" : secret.strip();
        if (trimmed.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(
                    "The pepper must be at least " + MIN_LENGTH + " characters long");
        }
        return trimmed.getBytes(StandardCharsets.UTF_8);
    }

    /** HMAC-SHA256 of {@code purpose} and {@code text}, as 43 unpadded base64url characters. */
    public String digest(String purpose, String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(purpose, text));
    }

    private byte[] hmac(String purpose, String text) {
        // The purpose cannot contain the separator, so no two (purpose, text) pairs collide.
        return HmacSha256.of(
                key.get(),
                purpose.getBytes(StandardCharsets.UTF_8),
                SEPARATOR,
                text.getBytes(StandardCharsets.UTF_8));
    }
}

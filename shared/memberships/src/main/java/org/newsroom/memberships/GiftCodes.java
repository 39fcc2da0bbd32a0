package org.newsroom.memberships;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.newsroom.core.crypto.Digests;

/**
 * Gift codes: 20 characters from a 32-letter alphabet without look-alikes (no I, L, O, U), that is
 * 100 bits from {@link SecureRandom}, shown in groups of five ({@code 7KQ2M-XW9TD-...}). Typing is
 * forgiving: case, spaces and dashes do not matter, and O, I and L are read as 0, 1 and 1. Only a
 * SHA-256 of the normalised code is ever stored.
 */
public final class GiftCodes {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private GiftCodes() {}

    /** A new code, formatted for people. */
    public static String generate() {
        StringBuilder code = new StringBuilder(LENGTH + LENGTH / 5);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 5 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The canonical form of what someone typed, or empty when it cannot be a code. */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        // ASCII is read in place; anything else is upper-cased as a whole first, as before (a
        // character's upper case can be longer than it, and some become ASCII letters: the
        // dotless i becomes I, the long s becomes S).
        String upper = isAscii(typed) ? typed : typed.toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c == '-' || c == ' ') {
                continue;
            }
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - ('a' - 'A'));
            }
            char mapped =
                    switch (c) {
                        case 'O' -> '0';
                        case 'I', 'L' -> '1';
                        default -> c;
                    };
            if (ALPHABET.indexOf(mapped) < 0) {
                return Optional.empty();
            }
            out.append(mapped);
        }
        return out.length() == LENGTH ? Optional.of(out.toString()) : Optional.empty();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The stored form of a normalised code. */
    public static String hash(String normalisedCode) {
        return Digests.sha256Hex(normalisedCode);
    }

    /** A gift can be redeemed for twelve months after it is delivered. */
    public static Instant validUntil(Instant deliveredAt) {
        return deliveredAt.atZone(ZoneOffset.UTC).plusMonths(12).toInstant();
    }
}

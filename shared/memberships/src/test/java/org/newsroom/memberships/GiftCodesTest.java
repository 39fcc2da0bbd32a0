package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GiftCodesTest {

    @Test
    void generate_shouldGiveAtLeast80BitsInReadableGroups() {
        String code = GiftCodes.generate();
        assertTrue(code.matches("([0-9A-HJKMNP-TV-Z]{5}-){3}[0-9A-HJKMNP-TV-Z]{5}"), code);
        double bits = GiftCodes.LENGTH * (Math.log(GiftCodes.ALPHABET.length()) / Math.log(2));
        assertTrue(bits >= 80, "bits: " + bits);
    }

    @Test
    void generate_shouldNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(GiftCodes.generate()));
        }
    }

    @Test
    void normalise_shouldForgiveCaseSpacesDashesAndLookAlikes() {
        assertEquals(
                Optional.of("01234ABCDE56789FGHJK"),
                GiftCodes.normalise("oi234-abcde 56789-fghjk"));
        assertEquals(
                Optional.of("11111111111111111111"),
                GiftCodes.normalise("IIIII-LLLLL-iiiii-lllll"));
    }

    @Test
    void normalise_shouldRefuseWrongLengthOrLetters() {
        assertEquals(Optional.empty(), GiftCodes.normalise("ABCDE"));
        assertEquals(Optional.empty(), GiftCodes.normalise("UUUUU-UUUUU-UUUUU-UUUUU"));
        assertEquals(Optional.empty(), GiftCodes.normalise(null));
        assertEquals(Optional.empty(), GiftCodes.normalise("A".repeat(65)));
    }

    /** How a typed code was read before ASCII was read in place: upper-cased as a whole first. */
    private static Optional<String> upperCasedFirst(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        for (char c : typed.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char mapped = c == 'O' ? '0' : c == 'I' || c == 'L' ? '1' : c;
            if (GiftCodes.ALPHABET.indexOf(mapped) < 0) {
                return Optional.empty();
            }
            out.append(mapped);
        }
        return out.length() == GiftCodes.LENGTH ? Optional.of(out.toString()) : Optional.empty();
    }

    @Test
    void normalise_shouldReadEveryTypedCodeAsUpperCasingItFirstDid() {
        java.util.List<String> typed =
                java.util.List.of(
                        "h3npv-4rz8b-xw9td-7kq2m",
                        "H3NPV 4RZ8B XW9TD 7KQ2M",
                        "h3npv-4rz8b-xw9td-7kq2\u0131",
                        "\u017f3npv-4rz8b-xw9td-7kq2m",
                        "h3npv-4rz8b-xw9td-7kq\u00df",
                        "h3npv-4rz8b-xw9td-7kq2m-",
                        "h3npv_4rz8b-xw9td-7kq2m",
                        "oooo0-iiiii-lllll-11111",
                        "caf\u00e9c-4rz8b-xw9td-7kq2m",
                        "",
                        " - ");
        for (String code : typed) {
            assertEquals(upperCasedFirst(code), GiftCodes.normalise(code), code);
        }
    }
}

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
}

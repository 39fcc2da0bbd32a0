package org.newsroom.articles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SlugsTest {

    /** The rule as the README and the OpenAPI document state it. */
    private static final Pattern RULE = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    @Test
    void isValid_shouldAcceptLowerCaseWordsJoinedByHyphens() {
        for (String slug :
                List.of("a", "9", "city", "harbour-bridge-repairs", "covid-19", "x-1-y")) {
            assertTrue(Slugs.isValid(slug), slug);
        }
    }

    @Test
    void isValid_shouldRefuseEverythingElse() {
        for (String slug :
                List.of(
                        "",
                        "-",
                        "-a",
                        "a-",
                        "a--b",
                        "City",
                        "a b",
                        "a_b",
                        "a/b",
                        "caf\u00e9",
                        "a\u2010b",
                        "\uff41")) {
            assertFalse(Slugs.isValid(slug), slug);
        }
        assertFalse(Slugs.isValid(null));
        assertTrue(Slugs.isValid("a".repeat(Slugs.MAX_LENGTH)));
        assertFalse(Slugs.isValid("a".repeat(Slugs.MAX_LENGTH + 1)));
    }

    @Test
    void isValid_shouldAgreeWithTheRule_onRandomStrings() {
        Random random = new Random(20261130);
        String alphabet = "ab09-Z_ .\u00e9";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder slug = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                slug.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = slug.toString();
            assertEquals(RULE.matcher(value).matches(), Slugs.isValid(value), value);
        }
    }
}

package org.newsroom.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NewsletterTest {

    /** The expression the id rule was first written as. */
    private static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?");

    @Test
    void isValidId_shouldAgreeWithTheExpression_overManyStrings() {
        Random random = new Random(13);
        String alphabet = "az09-_A. éб\n";
        int valid = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(5) == 0 ? 45 + random.nextInt(6) : random.nextInt(6);
            for (int k = 0; k < length; k++) {
                // Mostly valid characters, so long valid ids come up as well as invalid ones.
                id.append(
                        random.nextInt(8) == 0
                                ? alphabet.charAt(random.nextInt(alphabet.length()))
                                : alphabet.charAt(random.nextInt(5)));
            }
            boolean expected = ID.matcher(id).matches();
            assertEquals(expected, Newsletter.isValidId(id.toString()), id.toString());
            valid += expected ? 1 : 0;
        }
        assertTrue(valid > 5_000 && valid < 45_000, "valid ids generated: " + valid);
    }

    @Test
    void isValidId_shouldRefuseNullEmptyEdgeHyphensAndTooLong() {
        assertFalse(Newsletter.isValidId(null));
        assertFalse(Newsletter.isValidId(""));
        assertFalse(Newsletter.isValidId("-daily"));
        assertFalse(Newsletter.isValidId("daily-"));
        assertFalse(Newsletter.isValidId("a".repeat(49)));
        assertTrue(Newsletter.isValidId("a".repeat(48)));
        assertTrue(Newsletter.isValidId("daily-briefing"));
        assertTrue(Newsletter.isValidId("7"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Newsletter("Daily", "Daily", null, null, true, 1));
    }
}

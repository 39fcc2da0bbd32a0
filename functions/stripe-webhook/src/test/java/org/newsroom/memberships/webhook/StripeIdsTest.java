package org.newsroom.memberships.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written id and plan checks accept exactly what the regular expressions they replace do.
 */
class StripeIdsTest {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_]{1,255}$");
    private static final Pattern PLAN = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final String CHARACTERS =
            "azAZmM09_-. \n\u00e9\u0130\u0661\uff10\u212a\ud83d\ude00$^";

    private static String random(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        boolean plain = random.nextInt(4) > 0;
        for (int i = 0; i < length; i++) {
            text.append(
                    plain
                            ? "abcxyzABCXYZ0189_-".charAt(random.nextInt(18))
                            : CHARACTERS.charAt(random.nextInt(CHARACTERS.length())));
        }
        return text.toString();
    }

    @Test
    void isId_andIsPlan_shouldAgreeWithTheirRegularExpressions_onManyStrings() {
        Random random = new Random(11);
        int accepted = 0;
        for (int n = 0; n < 50_000; n++) {
            String text = random(random, n % 10 == 0 ? 300 : 40);
            assertEquals(ID.matcher(text).matches(), StripeEventProcessor.isId(text), text);
            assertEquals(PLAN.matcher(text).matches(), StripeEventProcessor.isPlan(text), text);
            accepted += StripeEventProcessor.isId(text) ? 1 : 0;
        }
        assertTrue(accepted > 1_000, "the inputs include many valid ids: " + accepted);
    }

    @Test
    void isId_andIsPlan_shouldHoldTheirLengthBounds() {
        assertTrue(StripeEventProcessor.isId("a".repeat(255)));
        assertFalse(StripeEventProcessor.isId("a".repeat(256)));
        assertFalse(StripeEventProcessor.isId(""));
        assertTrue(StripeEventProcessor.isPlan("a".repeat(32)));
        assertFalse(StripeEventProcessor.isPlan("a".repeat(33)));
        assertFalse(StripeEventProcessor.isPlan(""));
    }
}

package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UnsafeStyleTest {

    /** The expression the check was written from. */
    private static final Pattern UNSAFE_STYLE =
            Pattern.compile(
                    "expression\\s*\\(|javascript:|behavior\\s*:|-moz-binding|@import",
                    Pattern.CASE_INSENSITIVE);

    private static final String[] PIECES = {
        "expression",
        "EXPRESSION",
        "expreſſion",
        "exp",
        "ression",
        "(",
        ":",
        " ",
        "\t",
        "\n",
        "\u000B",
        "\f",
        "\r",
        "\u00a0",
        "javascript",
        "JavaScript",
        "java",
        "script",
        "behavior",
        "BEHAVIOR",
        "behaviour",
        "-moz-binding",
        "-MOZ-BINDING",
        "-moz-",
        "binding",
        "@import",
        "@IMPORT",
        "@",
        "import",
        "color:red;",
        "url(x)",
        "K",
        "\u212A",
        "İ",
        "e",
        "j",
        "b",
        "-"
    };

    @Test
    void in_shouldAgreeWithTheRegularExpression_overManyStyles() {
        Random random = new Random(7);
        int unsafe = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder css = new StringBuilder();
            for (int n = random.nextInt(6); n >= 0; n--) {
                css.append(PIECES[random.nextInt(PIECES.length)]);
            }
            boolean expected = UNSAFE_STYLE.matcher(css).find();
            assertEquals(expected, UnsafeStyle.in(css.toString()), css.toString());
            unsafe += expected ? 1 : 0;
        }
        assertTrue(unsafe > 1_000 && unsafe < 19_000, "unsafe styles generated: " + unsafe);
    }

    @Test
    void in_shouldFindEachConstruct_inAnyAsciiCaseOnly() {
        assertTrue(UnsafeStyle.in("width:1px;x:Expression \t(1)"));
        assertTrue(UnsafeStyle.in("background:url(JAVASCRIPT:x)"));
        assertTrue(UnsafeStyle.in("behavior\n: url(x.htc)"));
        assertTrue(UnsafeStyle.in("-Moz-Binding:url(x)"));
        assertTrue(UnsafeStyle.in("@import 'x.css'"));
        assertFalse(UnsafeStyle.in("expreſſion(1)"));
        assertFalse(UnsafeStyle.in("color:red; font-family:Georgia"));
        assertFalse(UnsafeStyle.in("expression"));
    }
}

package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UnsafeStyleTest {

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
        "-",
        "\\",
        "\\65",
        "/*",
        "*/",
        "/",
        "*",
        "\u0000",
        "\u001F",
        "\u007F"
    };

    @Test
    void in_shouldAgreeWithTheRegularExpressionOverTheStyleWithoutSpaces_overManyStyles() {
        Random random = new Random(7);
        int unsafe = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder css = new StringBuilder();
            for (int n = random.nextInt(6); n >= 0; n--) {
                css.append(PIECES[random.nextInt(PIECES.length)]);
            }
            boolean expected = ReferenceEmailHtml.unsafeStyle(css.toString());
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

    @Test
    void in_shouldFindConstructsHiddenByControlCharactersEscapesOrComments() {
        assertTrue(UnsafeStyle.in("background:url(java\tscript:alert(1))"));
        assertTrue(UnsafeStyle.in("background:url(JAVA\nSCRIPT\r:x)"));
        assertTrue(UnsafeStyle.in("x:expr\u0000ession(1)"));
        assertTrue(UnsafeStyle.in("x:expr\\65ssion(1)"));
        assertTrue(UnsafeStyle.in("x:expr/**/ession(1)"));
        assertTrue(UnsafeStyle.in("color:red /* a note */"));
        assertTrue(UnsafeStyle.in("font-family:\\47 eorgia"));
        assertFalse(UnsafeStyle.in("color:red;\n  padding:0 0 8px;\tfont-family:Georgia"));
        assertFalse(UnsafeStyle.in("background:url(https://example.org/java-script.png)"));
    }
}

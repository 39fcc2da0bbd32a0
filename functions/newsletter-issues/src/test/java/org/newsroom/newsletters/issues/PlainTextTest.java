package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.jsoup.internal.StringUtil;
import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void tidy_shouldGiveWhatTheTwoReplaceAllsAndStripGave_overManyStrings() {
        Random random = new Random(9);
        String[] pieces = {
            " ", "\t", "\u000B", "\f", "\r", "\n", "\n\n", "x", "a b", "\u00a0", "\u2003"
        };
        for (int i = 0; i < 20_000; i++) {
            StringBuilder raw = new StringBuilder();
            for (int n = random.nextInt(12); n >= 0; n--) {
                raw.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = raw.toString();
            assertEquals(
                    text.replaceAll("[ \\t\\x0B\\f\\r]+\\n", "\n")
                            .replaceAll("\\n{3,}", "\n\n")
                            .strip(),
                    PlainText.tidy(text),
                    text);
        }
    }

    @Test
    void tidy_shouldCollapseBlankLinesWithSpacesBetween() {
        assertEquals("a\n\nb", PlainText.tidy(" a \n \t\n\r\n  \nb\n"));
        assertEquals("a\n b", PlainText.tidy("a\n b"));
    }

    @Test
    void appendCollapsed_shouldWriteWhatJsoupsNormaliseWhitespaceGives_overManyStrings() {
        Random random = new Random(10);
        String[] pieces = {
            " ",
            "  ",
            "\t",
            "\n",
            "\f",
            "\r",
            "\u000B",
            "\u00a0",
            "\u200b",
            "\u00ad",
            "\u2003",
            "\ufeff",
            "x",
            "a b",
            "\u00e9",
            "\ud83d\ude00",
            "\ud83d",
            "\ude00",
            "\u0000",
            "&"
        };
        for (int i = 0; i < 20_000; i++) {
            StringBuilder raw = new StringBuilder();
            for (int n = random.nextInt(12); n >= 0; n--) {
                raw.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = raw.toString();
            StringBuilder out = new StringBuilder("before ");
            PlainText.appendCollapsed(out, text);
            assertEquals("before " + StringUtil.normaliseWhitespace(text), out.toString(), text);
        }
    }
}

package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EmailHtmlTest {

    private static final String[] PIECES = {
        "<p>",
        "</p>",
        "<br>",
        " ",
        "\t",
        "\n",
        "\r",
        "<div>",
        "</div>",
        "<li>",
        "Harbour",
        "a b",
        "<h2>Budget</h2>",
        "<a href=\"https://example.org/x\">map</a>",
        "<hr>",
        "&nbsp;",
        "\f"
    };

    @Test
    void text_shouldCollapseSpacesAndBlankLinesAsStringReplaceAllDid_overManyInputs() {
        Random random = new Random(3);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder html = new StringBuilder();
            for (int n = random.nextInt(30); n >= 0; n--) {
                html.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = EmailHtml.text(html.toString());
            assertEquals(
                    text,
                    text.replaceAll("[ \\t\\x0B\\f\\r]+\\n", "\n")
                            .replaceAll("\\n{3,}", "\n\n")
                            .strip(),
                    html.toString());
        }
    }

    @Test
    void text_shouldKeepParagraphsApartByOneBlankLine() {
        assertEquals(
                "Good morning\n\nRepairs begin on Monday. Detour map (https://example.org/d).",
                EmailHtml.text(
                        "<h1>Good morning  </h1>\n\n\n<p>Repairs begin on Monday. "
                                + "<a href=\"https://example.org/d\">Detour map</a>.</p>"));
    }

    @Test
    void clean_shouldDropUnsafeStylesScriptsAndHandlers() {
        String cleaned =
                EmailHtml.clean(
                        "<p style=\"color:red\">a</p><p style=\"x:expression(1)\" onclick=\"y()\">b"
                                + "</p><script>alert(1)</script>");
        assertEquals("<p style=\"color:red\">a</p><p>b</p>", cleaned.replace("\n", ""));
    }
}

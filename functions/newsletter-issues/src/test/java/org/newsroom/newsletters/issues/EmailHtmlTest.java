package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
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

    /** The long way the rendering takes where a second parse might differ. */
    private static boolean takesTheLongWay(String html) {
        return EmailHtml.mayReparseDifferently(Jsoup.parseBodyFragment(html).body())
                || EmailHtml.render(html).html().contains("&#");
    }

    private static void assertSameAsReference(String html) {
        String cleaned = ReferenceEmailHtml.clean(html);
        EmailHtml.Rendered rendered = EmailHtml.render(html);
        assertEquals(cleaned, rendered.html(), () -> "html of " + html);
        assertEquals(ReferenceEmailHtml.text(cleaned), rendered.text(), () -> "text of " + html);
    }

    @Test
    void render_shouldGiveTheReferencesHtmlAndText_overGeneratedEmailLayouts() {
        GeneratedHtml documents = new GeneratedHtml(11, 10);
        int short_ = 0;
        for (int i = 0; i < 1_500; i++) {
            String html = documents.next();
            assertSameAsReference(html);
            if (!takesTheLongWay(html)) {
                short_++;
            }
        }
        // Most documents go the short way, so the comparison is of the new path, not the old.
        assertTrue(short_ > 300, "documents rendered the short way: " + short_);
    }

    @Test
    void render_shouldGiveTheReferencesHtmlAndText_overGeneratedHostileDocuments() {
        GeneratedHtml documents = new GeneratedHtml(12, 60);
        int short_ = 0;
        for (int i = 0; i < 1_500; i++) {
            String html = documents.next();
            assertSameAsReference(html);
            if (!takesTheLongWay(html)) {
                short_++;
            }
        }
        assertTrue(short_ > 150, "documents rendered the short way: " + short_);
    }

    @Test
    void render_shouldGiveTheReferencesHtmlAndText_forTheBenchmarksIssue() {
        String html =
                "<h1>Good morning</h1><p>Repairs on the harbour bridge begin on Monday. <a"
                        + " href=\"https://example.org/detours\">Detour map</a>.</p><script>alert(1)"
                        + "</script><p onclick=\"x()\">The council votes on the budget tonight.</p>";
        assertFalse(takesTheLongWay(html));
        assertSameAsReference(html);
        assertEquals(
                "Good morning\n\nRepairs on the harbour bridge begin on Monday. Detour map"
                        + " (https://example.org/detours).\n\nThe council votes on the budget tonight.",
                EmailHtml.render(html).text());
    }

    @Test
    void render_shouldTakeTheLongWay_whereASecondParseReadsTheCleanedTreeDifferently() {
        String[] unstable = {
            // A dropped element's items move into the outer item: a parse closes it instead.
            "<ul><li>a<object><li>b</object></ul>",
            // A dropped template's cell and text end up straight in the table.
            "<table><template>text<td>x</td></template></table>",
            // A parse drops the line break that starts a pre.
            "<pre>\n\nindented</pre>",
            "<pre><script></script>\nx</pre>",
            // Written as &#x0; and &#xd800;, read back as U+FFFD.
            "<p>a\u0000b</p>",
            "<p>a&#xd800;b</p>",
            "<p title=\"\ud800\">x</p>"
        };
        for (String html : unstable) {
            assertTrue(takesTheLongWay(html), html);
            assertSameAsReference(html);
        }
    }

    @Test
    void render_shouldJoinTextAroundDroppedCommentsAndScripts_asAParseOfTheResultDoes() {
        for (String html :
                new String[] {
                    "a &nbsp; <!-- x --> &nbsp;b",
                    "<p>one <script>x()</script> two</p>",
                    "<a href=\"https://example.org/x\">https://example.org/<!-- -->x</a>",
                    "x<input> \t y<wbr>  z"
                }) {
            assertFalse(takesTheLongWay(html), html);
            assertSameAsReference(html);
        }
        assertEquals("one two", EmailHtml.render("<p>one <script>x()</script> two</p>").text());
    }

    @Test
    void render_shouldKeepOnlyLinksAndImagesWithAllowedProtocols_asWrittenByUrl() {
        assertEquals(
                "<a href=\"https://Example.org/a/../b?q=1#f\">x</a><a>y</a><a>z</a>"
                        + "<a href=\"mailto:Reader@Example.org\">m</a><img><img src=\"http://example.org/i\">",
                EmailHtml.clean(
                        "<a href=\"HTTPS://Example.org/a/../b?q=1#f\">x</a><a href=\"/relative\">y</a>"
                                + "<a href=\"java\tscript:alert(1)\">z</a>"
                                + "<a href=\"mailto:Reader@Example.org\">m</a>"
                                + "<img src=\"data:image/png;base64,AA\"><img src=\"http://example.org/i\">"));
    }

    @Test
    void render_shouldTakeTheShortWayAndMatchTheReference_forATableLayoutNewsletter() {
        StringBuilder html =
                new StringBuilder(
                        "<!-- preheader --><center><table role=\"presentation\" width=\"600\""
                                + " cellpadding=\"0\" cellspacing=\"0\" border=\"0\""
                                + " style=\"margin:0 auto;font-family:Georgia,serif\">");
        for (int story = 0; story < 12; story++) {
            html.append("<tr><td style=\"padding:16px 24px;border-bottom:1px solid #ddd\">")
                    .append("<h2 style=\"font-size:20px;margin:0 0 8px\">Story ")
                    .append(story)
                    .append(" &#8211; the council&#8217;s vote</h2>")
                    .append("<img src=\"https://cdn.example.org/i/")
                    .append(story)
                    .append(".jpg\" width=\"552\" alt=\"Harbour &amp; bridge\">")
                    .append("<p style=\"line-height:1.5\">Repairs begin on <b>Monday</b>.&nbsp; ")
                    .append("<a href=\"https://example.org/s/")
                    .append(story)
                    .append("?utm_source=newsletter&amp;utm_medium=email\" style=\"color:#0645ad\"")
                    .append(" onclick=\"track()\">Read more</a></p></td></tr>");
        }
        html.append(
                "</table></center><script>track()</script><p><a href=\"mailto:desk@example.org\">"
                        + "desk@example.org</a></p>");
        assertFalse(takesTheLongWay(html.toString()));
        assertSameAsReference(html.toString());
    }

    @Test
    void mayReparseDifferently_shouldAnswerAsTheWalkOfEveryNodeDid_overGeneratedDocuments() {
        for (GeneratedHtml documents :
                List.of(new GeneratedHtml(13, 10), new GeneratedHtml(14, 60))) {
            int yes = 0;
            for (int i = 0; i < 500; i++) {
                String html = documents.next();
                Element body = Jsoup.parseBodyFragment(html).body();
                boolean expected = everyNodeWalk(body);
                assertEquals(expected, EmailHtml.mayReparseDifferently(body), html);
                yes += expected ? 1 : 0;
            }
            assertTrue(yes > 20 && yes < 480, "documents that may reparse differently: " + yes);
        }
    }

    @Test
    void mayReparseDifferently_shouldWalkDeeplyNestedDocuments() {
        String deep = "<div>".repeat(20_000) + "x" + "</div>".repeat(20_000);

        assertFalse(EmailHtml.mayReparseDifferently(Jsoup.parseBodyFragment(deep).body()));
        assertTrue(
                EmailHtml.mayReparseDifferently(
                        Jsoup.parseBodyFragment(deep + "<p><pre>y</pre></p>").body()));
    }

    /** The test as it was written before: a filter over every node under body. */
    private static boolean everyNodeWalk(Element body) {
        boolean[] found = {false};
        body.filter(
                (NodeFilter)
                        (node, depth) -> {
                            if (node != body
                                    && node instanceof Element element
                                    && (element.normalName().equals("pre")
                                            || (!EmailHtml.SAFELIST.isSafeTag(element.normalName())
                                                    && element.childNodes().stream()
                                                            .anyMatch(
                                                                    c ->
                                                                            c instanceof TextNode
                                                                                    || c
                                                                                            instanceof
                                                                                            Element)))) {
                                found[0] = true;
                                return NodeFilter.FilterResult.STOP;
                            }
                            return NodeFilter.FilterResult.CONTINUE;
                        });
        return found[0];
    }
}

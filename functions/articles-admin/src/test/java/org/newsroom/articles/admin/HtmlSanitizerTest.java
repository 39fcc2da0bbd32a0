package org.newsroom.articles.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HtmlSanitizerTest {

    @Test
    void clean_shouldRemoveScriptsIframesAndStyleElements() {
        String clean =
                HtmlSanitizer.clean(
                        "<p>Before</p><script>alert(1)</script>"
                                + "<iframe src=\"https://evil.example\"></iframe><style>p{display:none}</style><p>After</p>");
        assertEquals("<p>Before</p><p>After</p>", clean);
    }

    @Test
    void clean_shouldRemoveEventHandlersAndStyleAttributes() {
        String clean =
                HtmlSanitizer.clean(
                        "<p onclick=\"steal()\" style=\"color:red\" onmouseover=\"x()\">Text</p>"
                                + "<img src=\"https://cdn.example/a.jpg\" onerror=\"steal()\">");
        assertFalse(clean.contains("onclick"), clean);
        assertFalse(clean.contains("onmouseover"), clean);
        assertFalse(clean.contains("onerror"), clean);
        assertFalse(clean.contains("style"), clean);
        assertFalse(clean.contains("steal"), clean);
        assertTrue(clean.contains("<p>Text</p>"), clean);
        assertTrue(clean.contains("src=\"https://cdn.example/a.jpg\""), clean);
    }

    @Test
    void clean_shouldDropJavascriptUrls() {
        String clean =
                HtmlSanitizer.clean(
                        "<a href=\"javascript:alert(1)\">click</a>"
                                + "<a href=\"JaVaScRiPt:alert(2)\">again</a><img src=\"javascript:alert(3)\">");
        assertFalse(clean.toLowerCase().contains("javascript"), clean);
        assertTrue(clean.contains("click"), clean);
    }

    @Test
    void clean_shouldKeepParagraphsHeadingsListsAndLinks_withSafeRel() {
        String clean =
                HtmlSanitizer.clean(
                        "<h2>What changes</h2><p>Buses <strong>keep</strong> their <em>routes</em>.</p>"
                                + "<ul><li>One</li><li>Two</li></ul><ol><li>First</li></ol><blockquote>Quote</blockquote>"
                                + "<p><a href=\"https://example.org/detours\" target=\"_blank\">Detour map</a></p>");
        Document doc = Jsoup.parseBodyFragment(clean);
        assertEquals("What changes", doc.selectFirst("h2").text());
        assertEquals(2, doc.select("ul > li").size());
        assertEquals(1, doc.select("ol > li").size());
        assertEquals("keep", doc.selectFirst("p > strong").text());
        assertEquals("routes", doc.selectFirst("p > em").text());
        assertEquals("Quote", doc.selectFirst("blockquote").text());
        Element link = doc.selectFirst("a");
        assertEquals("https://example.org/detours", link.attr("href"));
        assertEquals("noopener noreferrer", link.attr("rel"));
        assertEquals("Detour map", link.text());
    }

    @Test
    void clean_shouldOverrideAnyRelGivenByTheEditor() {
        String clean = HtmlSanitizer.clean("<a href=\"https://example.org\" rel=\"opener\">x</a>");
        assertEquals(
                "noopener noreferrer", Jsoup.parseBodyFragment(clean).selectFirst("a").attr("rel"));
    }

    @Test
    void clean_shouldKeepMailtoLinks() {
        String clean = HtmlSanitizer.clean("<a href=\"mailto:tips@news.example\">Send a tip</a>");
        assertEquals(
                "mailto:tips@news.example",
                Jsoup.parseBodyFragment(clean).selectFirst("a").attr("href"));
    }

    /**
     * A body goes to other sites, apps and newsletters, where a relative address would point
     * somewhere else: a link needs an absolute http(s) or mailto address, else it keeps its text
     * and loses the address.
     */
    @Test
    void clean_shouldDropRelativeLinkAddresses_keepingTheirText() {
        Document clean =
                Jsoup.parseBodyFragment(
                        HtmlSanitizer.clean(
                                "<p><a href=\"/articles/council-budget\">the budget</a>, <a"
                                        + " href=\"#notes\">notes</a>, <a"
                                        + " href=\"council.html\">council</a>, <a"
                                        + " href=\"//cdn.example.org/x\">x</a></p>"));

        for (Element link : clean.select("a")) {
            assertFalse(link.hasAttr("href"), link.outerHtml());
        }
        assertEquals("the budget, notes, council, x", clean.body().text());
    }

    @Test
    void text_shouldGiveTheVisibleWords() {
        assertEquals(
                "Hello world again",
                HtmlSanitizer.sanitise("<p>Hello <b>world</b></p><p>again</p>").text());
    }

    @Test
    void sanitise_shouldGiveTheCleanHtmlAndTheTextOfThatHtml() {
        String dirty =
                "<p>One <b>two</b><script>alert(1)</script> three</p>\n<ul><li>four</li>"
                        + "<li onclick=\"x()\">five &amp; six</li></ul><iframe src=x></iframe>";
        HtmlSanitizer.Cleaned cleaned = HtmlSanitizer.sanitise(dirty);
        assertEquals(HtmlSanitizer.clean(dirty), cleaned.html());
        // The text is what parsing the cleaned HTML again would give.
        assertEquals(Jsoup.parse(cleaned.html()).text(), cleaned.text());
        assertEquals("One two three four five & six", cleaned.text());
    }

    @Test
    void sanitise_shouldAnswerARepeatedBodyAsCleaningItAgainWould_andEachNewBodyForItself() {
        // GIVEN bodies in an order with repeats in a row, returns to an earlier body and
        // near-misses (one character apart)
        String[] bodies = {
            "<p>Repairs begin <a href=\"https://example.org/x\">today</a>.</p>",
            "<p>Repairs begin <a href=\"https://example.org/x\">today</a>.</p>",
            "<p>Repairs begin <a href=\"https://example.org/x\">today</a>!</p>",
            "<p onclick=\"x()\">Text</p><script>alert(1)</script>",
            "<p onclick=\"x()\">Text</p><script>alert(1)</script>",
            "<p>Repairs begin <a href=\"https://example.org/x\">today</a>.</p>",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<p>Repairs begin <a href=\"https://example.org/x\">today</a>.</p>"
        };
        for (String body : bodies) {
            // WHEN
            HtmlSanitizer.Cleaned cleaned = HtmlSanitizer.sanitise(body);
            // THEN exactly what cleaning makes of this body now
            assertEquals(HtmlSanitizer.cleanNow(body), cleaned, body);
        }
        assertEquals(
                "<p>Repairs begin <a href=\"https://example.org/x\" rel=\"noopener noreferrer\">"
                        + "today</a>!</p>",
                HtmlSanitizer.sanitise(bodies[2]).html());
        assertEquals("click", HtmlSanitizer.clean(bodies[6]));
    }

    @Test
    void cleanNow_shouldStartEachBodyAfresh_evenAfterOneLeftOpen() {
        assertEquals(
                "<div><p>open <b>bold</b></p></div>",
                HtmlSanitizer.cleanNow("<div><p>open <b>bold").html());
        assertEquals("plain", HtmlSanitizer.cleanNow("plain").html());
        assertEquals("<p>next</p>", HtmlSanitizer.cleanNow("</b></p><p>next").html());
    }

    @Test
    void cleanNow_shouldGiveEachThreadItsOwnResults() throws Exception {
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < 2_000; i++) {
                                        String word = "w" + thread + "x" + i;
                                        String expected = "<p>" + word + " <em>" + i + "</em></p>";
                                        HtmlSanitizer.Cleaned cleaned =
                                                HtmlSanitizer.cleanNow(
                                                        "<p onclick=x>" + word + " <em>" + i);
                                        if (!cleaned.html().equals(expected)
                                                || !cleaned.text().equals(word + " " + i)) {
                                            return false;
                                        }
                                    }
                                    return true;
                                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void clean_shouldSplitDoubleBraces_soNoClientSideTemplateEvaluatesThem() {
        assertEquals("<p>{<!-- -->{7*7}}</p>", HtmlSanitizer.clean("<p>{{7*7}}</p>"));
        assertEquals("{<!-- -->{x}}", HtmlSanitizer.clean("{{x}}"));
        // Split across a dropped element, the two braces arrive as two pieces of text.
        assertEquals("{<!-- -->{7*7}}", HtmlSanitizer.clean("{<script>x</script>{7*7}}"));
        assertEquals(
                "<img src=\"https://a.example/i.png\" alt=\"{\u200B{7*7}}\">",
                HtmlSanitizer.clean("<img src=\"https://a.example/i.png\" alt=\"{{7*7}}\">"));
        // The words stay as typed: only the HTML is split.
        assertEquals("{{x}}", HtmlSanitizer.sanitise("<p>{{x}}</p>").text());
    }

    @Test
    void clean_shouldTakeOnlyAsciiSchemes_inAnyCase() {
        assertEquals("x", HtmlSanitizer.clean("<a href=\"http\u017F://evil.example/\">x</a>"));
        assertEquals("x", HtmlSanitizer.clean("<a href=\"ma\u0130lto:x@evil.example\">x</a>"));
        assertEquals(
                "<a href=\"HTTPS://example.org/\" rel=\"noopener noreferrer\">x</a>",
                HtmlSanitizer.clean("<A HREF=\"HTTPS://example.org/\">x</A>"));
    }

    @Test
    void clean_shouldKeepMailtoForLinksOnly() {
        assertEquals("", HtmlSanitizer.clean("<img src=\"mailto:x@example.org\">"));
        assertEquals(
                "<blockquote>q</blockquote>",
                HtmlSanitizer.clean("<blockquote cite=\"mailto:x@example.org\">q</blockquote>"));
    }

    @Test
    void cleanNow_shouldStartAfresh_whenThePolicyWasLeftInsideADocument() {
        // GIVEN this thread's policy left inside an unfinished document, within a skipped element
        HtmlSanitizer.Cleaner cleaner = HtmlSanitizer.CLEANERS.get();
        cleaner.policy.openDocument();
        cleaner.policy.openTag("script", new java.util.ArrayList<>());

        // WHEN
        HtmlSanitizer.Cleaned cleaned = HtmlSanitizer.cleanNow("<p>text</p>");

        // THEN
        assertEquals("<p>text</p>", cleaned.html());
        assertEquals("text", cleaned.text());
    }

    @Test
    void cleanNow_shouldSayItIsIncomplete_whenElementsNestTooDeepToKeep() {
        int limit = HtmlSanitizer.MAX_DEPTH;
        String deep = "<div>".repeat(limit) + "lost" + "</div>".repeat(limit);
        String deepEnough = "<div>".repeat(limit - 1) + "kept" + "</div>".repeat(limit - 1);

        assertFalse(HtmlSanitizer.cleanNow(deep).complete());
        // One short as written, but a stray list item gets the list it implies: one too deep.
        String implied = "<div>".repeat(limit - 2) + "<li>lost" + "</div>".repeat(limit - 2);
        HtmlSanitizer.Cleaned impliedCleaned = HtmlSanitizer.cleanNow(implied);
        assertFalse(impliedCleaned.complete(), impliedCleaned.html());
        HtmlSanitizer.Cleaned kept = HtmlSanitizer.cleanNow(deepEnough);
        assertTrue(kept.complete());
        assertEquals("kept", kept.text());
    }

    @Test
    void cleanNow_shouldKeepEveryParagraph_whenManyAreLeftUnclosed() {
        // Written as many do by hand: 400 paragraphs and list items never closed.
        String body = "<p>para".repeat(400) + "<ul>" + "<li>item".repeat(400) + "</ul>";

        HtmlSanitizer.Cleaned cleaned = HtmlSanitizer.cleanNow(body);

        assertTrue(cleaned.complete());
        assertEquals(800, ArticleInput.words(cleaned.text()));
        assertEquals(400, Jsoup.parseBodyFragment(cleaned.html()).select("p").size());
    }
}

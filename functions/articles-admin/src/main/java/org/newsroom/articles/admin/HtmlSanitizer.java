package org.newsroom.articles.admin;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Cleans article bodies with jsoup's allow-list: scripts, iframes, styles, event-handler attributes
 * and {@code javascript:} URLs never reach readers. Links open safely and images must be http(s).
 */
final class HtmlSanitizer {

    private static final Safelist SAFELIST =
            Safelist.relaxed()
                    .addTags("figure", "figcaption", "hr", "s", "mark")
                    .addAttributes("a", "rel")
                    .addProtocols("a", "href", "https", "http", "mailto")
                    .addEnforcedAttribute("a", "rel", "noopener noreferrer");

    /** Holds only the allow-list, and keeps each cleaning's state apart: safe to share. */
    private static final Cleaner CLEANER = new Cleaner(SAFELIST);

    private static final Document.OutputSettings OUTPUT =
            new Document.OutputSettings().prettyPrint(false);

    private HtmlSanitizer() {}

    /** Sanitised HTML and its visible text (for word counts). */
    record Cleaned(String html, String text) {}

    /**
     * Cleans once and reads both the HTML and the text off the cleaned tree (what {@code
     * Jsoup.clean} does, without parsing the result again for its text).
     */
    static Cleaned sanitise(String html) {
        Document clean = CLEANER.clean(Jsoup.parseBodyFragment(html, ""));
        clean.outputSettings(OUTPUT);
        return new Cleaned(clean.body().html(), clean.body().text());
    }

    static String clean(String html) {
        return sanitise(html).html();
    }
}

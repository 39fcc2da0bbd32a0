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

    /** A body and what cleaning made of it. */
    private record Known(String html, Cleaned cleaned) {}

    /**
     * The last body cleaned, with its result. An editor saving again without touching the body (a
     * new headline, tags, a publish time) sends the same HTML, and cleaning it again would give the
     * same result: the allow-list is fixed, so nothing but a different body makes it stale, and any
     * different body replaces it. Immutable, so threads may share it.
     */
    private static volatile Known last;

    /**
     * Cleans once and reads both the HTML and the text off the cleaned tree (what {@code
     * Jsoup.clean} does, without parsing the result again for its text); the same body as the last
     * one is answered from {@link #last}.
     */
    static Cleaned sanitise(String html) {
        Known known = last;
        if (known != null && known.html().equals(html)) {
            return known.cleaned();
        }
        Cleaned cleaned = cleanNow(html);
        last = new Known(html, cleaned);
        return cleaned;
    }

    /** Cleans {@code html} with jsoup, whatever was cleaned before. */
    static Cleaned cleanNow(String html) {
        Document clean = CLEANER.clean(Jsoup.parseBodyFragment(html, ""));
        clean.outputSettings(OUTPUT);
        return new Cleaned(clean.body().html(), clean.body().text());
    }

    static String clean(String html) {
        return sanitise(html).html();
    }
}

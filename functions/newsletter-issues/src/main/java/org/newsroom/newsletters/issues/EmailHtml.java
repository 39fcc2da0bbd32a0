package org.newsroom.newsletters.issues;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;

/**
 * Email HTML from editors, cleaned with jsoup's allow-list ({@link EmailSafelist}): tables and
 * inline styles (what email layouts are made of) stay; scripts, forms, iframes, objects, event
 * handlers and {@code javascript:} URLs go. Also renders the plain-text part ({@link PlainText}).
 *
 * <p>The cleaned HTML has always been what jsoup writes after parsing the cleaner's output once
 * more, with unsafe styles removed from that second tree. For most documents the second parse gives
 * back the cleaner's own tree, so {@link #render} skips it (and the third parse the text rendering
 * made); where it might not, it takes the long way, so the output is the same for every input.
 */
final class EmailHtml {

    /** The cleaned HTML and its plain-text rendering. */
    record Rendered(String html, String text) {}

    static final EmailSafelist SAFELIST = new EmailSafelist();

    /** Holds nothing but the list: one for every issue. */
    private static final Cleaner CLEANER = new Cleaner(SAFELIST);

    private static final Document.OutputSettings OUTPUT =
            new Document.OutputSettings().prettyPrint(false);

    private EmailHtml() {}

    /** The cleaned HTML, and the text rendering of it. */
    static Rendered render(String html) {
        Document dirty = Jsoup.parseBodyFragment(html);
        if (mayReparseDifferently(dirty.body())) {
            return reparsed(dirty);
        }
        Document clean = CLEANER.clean(dirty);
        clean.outputSettings(OUTPUT);
        Element body = clean.body();
        // No unsafe style is left to remove: the safelist refused them.
        String cleaned = body.html();
        if (cleaned.contains("&#")) {
            // Written by number: a control character or half a surrogate pair, which a parse
            // reads back differently (U+0000 and surrogates as U+FFFD).
            return reparsed(Jsoup.parseBodyFragment(html));
        }
        return new Rendered(cleaned, PlainText.of(body));
    }

    static String clean(String html) {
        return render(html).html();
    }

    /** A readable plain-text rendering of any HTML: see {@link PlainText}. */
    static String text(String html) {
        return PlainText.of(Jsoup.parseBodyFragment(html).body());
    }

    /**
     * The long way, for every input: clean, write, parse that again, remove unsafe styles, write;
     * the text rendered from a parse of the result.
     */
    static Rendered reparsed(Document dirty) {
        Document clean = CLEANER.clean(dirty);
        clean.outputSettings(OUTPUT);
        Document document = Jsoup.parseBodyFragment(clean.body().html());
        document.outputSettings(OUTPUT);
        removeUnsafeStyles(document.body());
        String cleaned = document.body().html();
        return new Rendered(cleaned, text(cleaned));
    }

    /**
     * Whether parsing the cleaned copy of {@code body} again might not give the same tree: when the
     * cleaner drops an element but keeps its content (its text and children move up into a parent
     * where a parser may not put them: a table cell out of its row, a list item into another), and
     * for {@code pre}, whose first line break a parser drops. Anything else the cleaner drops goes
     * whole (scripts and styles with their data, comments, empty elements), and a parser put
     * everything kept where it is.
     */
    static boolean mayReparseDifferently(Element body) {
        // Every element under body in document order, without recursion (documents nest deep)
        // and without visiting the text between them.
        Element element = body.firstElementChild();
        while (element != null) {
            String name = element.normalName();
            if (name.equals("pre") || (!SAFELIST.isSafeTag(name) && keepsContent(element))) {
                return true;
            }
            Element next = element.firstElementChild();
            while (next == null && element != body) {
                next = element.nextElementSibling();
                if (next == null) {
                    element = element.parent();
                }
            }
            element = next;
        }
        return false;
    }

    /** Whether the cleaner keeps something inside {@code element}: text or an element. */
    private static boolean keepsContent(Element element) {
        for (int i = 0; i < element.childNodeSize(); i++) {
            Node child = element.childNode(i);
            if (child instanceof TextNode || child instanceof Element) {
                return true;
            }
        }
        return false;
    }

    private static void removeUnsafeStyles(Element body) {
        body.traverse(
                (node, depth) -> {
                    if (node instanceof Element element
                            && element.hasAttr("style")
                            && UnsafeStyle.in(element.attr("style"))) {
                        element.removeAttr("style");
                    }
                });
    }
}

package org.newsroom.newsletters.issues;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;

/**
 * The cleaning and text rendering exactly as they were before {@link EmailHtml} parsed once:
 * jsoup's clean, the result parsed again, unsafe styles removed, written; the text rendered from a
 * third parse. Kept unchanged as the reference the tests hold the new rendering to.
 */
final class ReferenceEmailHtml {

    private static final Safelist SAFELIST =
            Safelist.relaxed()
                    .addTags(
                            "center",
                            "font",
                            "hr",
                            "figure",
                            "figcaption",
                            "s",
                            "mark",
                            "section",
                            "header",
                            "footer")
                    .addAttributes(
                            ":all", "style", "align", "valign", "width", "height", "bgcolor", "dir",
                            "title")
                    .addAttributes("table", "border", "cellpadding", "cellspacing", "role")
                    .addAttributes("font", "color", "face", "size")
                    .addProtocols("a", "href", "https", "http", "mailto")
                    .addProtocols("img", "src", "https", "http");

    /** Old-browser CSS that runs script or fetches on its own. */
    private static final Pattern UNSAFE_STYLE =
            Pattern.compile(
                    "expression\\s*\\(|javascript:|behavior\\s*:|-moz-binding|@import",
                    Pattern.CASE_INSENSITIVE);

    /**
     * The unsafe constructs found with spaces and control characters taken out (a URL parser drops
     * tabs and line breaks), and any escape or comment, which could hide them.
     */
    static boolean unsafeStyle(String css) {
        return css.indexOf('\\') >= 0
                || css.contains("/*")
                || UNSAFE_STYLE.matcher(IGNORABLE.matcher(css).replaceAll("")).find();
    }

    /** Spaces and control characters. */
    private static final Pattern IGNORABLE = Pattern.compile("[\\x00-\\x20\\x7F]");

    /** Elements with a style attribute: parsed once, not at every clean. */
    private static final Evaluator STYLED = QueryParser.parse("[style]");

    /** Spaces before a line break, and runs of blank lines: compiled once, not at every text. */
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\x0B\\f\\r]+\\n");

    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private static final Document.OutputSettings OUTPUT =
            new Document.OutputSettings().prettyPrint(false);

    private ReferenceEmailHtml() {}

    static String clean(String html) {
        Document document = Jsoup.parseBodyFragment(Jsoup.clean(html, "", SAFELIST, OUTPUT));
        document.outputSettings(OUTPUT);
        for (Element element : document.body().select(STYLED)) {
            if (unsafeStyle(element.attr("style"))) {
                element.removeAttr("style");
            }
        }
        return document.body().html();
    }

    /** A readable plain-text rendering: paragraphs and line breaks kept, links as "text (url)". */
    static String text(String html) {
        StringBuilder out = new StringBuilder();
        Document document = Jsoup.parseBodyFragment(html);
        document.body()
                .traverse(
                        new NodeVisitor() {
                            @Override
                            public void head(Node node, int depth) {
                                if (node instanceof TextNode text) {
                                    out.append(text.text());
                                } else if (node instanceof Element element) {
                                    String tag = element.normalName();
                                    if (tag.equals("br")) {
                                        out.append('\n');
                                    } else if (tag.equals("li")) {
                                        newline(out);
                                        out.append("- ");
                                    } else if (isBlock(tag)) {
                                        paragraph(out);
                                    }
                                }
                            }

                            @Override
                            public void tail(Node node, int depth) {
                                if (node instanceof Element element) {
                                    String tag = element.normalName();
                                    if (tag.equals("a")) {
                                        String href = element.attr("href");
                                        if (!href.isEmpty()
                                                && !href.equals(element.text())
                                                && !href.toLowerCase(Locale.ROOT)
                                                        .startsWith("mailto:")) {
                                            out.append(" (").append(href).append(')');
                                        }
                                    } else if (isBlock(tag)) {
                                        paragraph(out);
                                    }
                                }
                            }
                        });
        String spaced = TRAILING_SPACE.matcher(out).replaceAll("\n");
        return BLANK_LINES.matcher(spaced).replaceAll("\n\n").strip();
    }

    private static boolean isBlock(String tag) {
        return switch (tag) {
            case "p",
                    "div",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "ul",
                    "ol",
                    "table",
                    "tr",
                    "blockquote",
                    "hr",
                    "section",
                    "header",
                    "footer",
                    "figure",
                    "center" ->
                    true;
            default -> false;
        };
    }

    private static void newline(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private static void paragraph(StringBuilder out) {
        newline(out);
        if (out.length() > 1 && out.charAt(out.length() - 2) != '\n') {
            out.append('\n');
        }
    }
}

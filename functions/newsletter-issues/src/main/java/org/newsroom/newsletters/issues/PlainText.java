package org.newsroom.newsletters.issues;

import java.util.Locale;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The plain-text part of an issue, rendered from its HTML: paragraphs apart by one blank line, line
 * breaks kept, list items as "- ", links as "text (url)" (not for {@code mailto:} links or links
 * whose text is their address), runs of spaces as one, no spaces before a line break.
 */
final class PlainText implements NodeVisitor {

    private final StringBuilder out = new StringBuilder(256);

    private PlainText() {}

    /** The rendering of {@code root}'s content. */
    static String of(Element root) {
        PlainText text = new PlainText();
        root.traverse(text);
        StringBuilder raw = text.out;
        char[] chars = new char[raw.length()];
        raw.getChars(0, chars.length, chars, 0);
        return tidy(chars);
    }

    @Override
    public void head(Node node, int depth) {
        if (node instanceof TextNode text) {
            // A parse joins neighbouring text into one node; a cleaned tree can hold a run of
            // them where it dropped a comment or a script in between.
            if (!(text.previousSibling() instanceof TextNode)) {
                appendRun(text);
            }
        } else if (node instanceof Element element) {
            String tag = element.normalName();
            if (tag.equals("br")) {
                out.append('\n');
            } else if (tag.equals("li")) {
                newline();
                out.append("- ");
            } else if (isBlock(tag)) {
                paragraph();
            }
        }
    }

    @Override
    public void tail(Node node, int depth) {
        if (node instanceof Element element) {
            String tag = element.normalName();
            if (tag.equals("a")) {
                String href = element.attr("href");
                // The link's text, the dearest of the three tests, only when the others pass.
                if (!href.isEmpty()
                        && !href.toLowerCase(Locale.ROOT).startsWith("mailto:")
                        && !href.equals(element.text())) {
                    out.append(" (").append(href).append(')');
                }
            } else if (isBlock(tag)) {
                paragraph();
            }
        }
    }

    /**
     * The text of {@code first} and the text nodes right after it, spaces collapsed as one: what
     * {@link TextNode#text()} gives for their joined text, written straight into the rendering.
     */
    private void appendRun(TextNode first) {
        if (!(first.nextSibling() instanceof TextNode)) {
            appendCollapsed(out, first.getWholeText());
            return;
        }
        StringBuilder whole = new StringBuilder(first.getWholeText());
        for (Node next = first.nextSibling(); next instanceof TextNode text; ) {
            whole.append(text.getWholeText());
            next = text.nextSibling();
        }
        appendCollapsed(out, whole.toString());
    }

    /**
     * Appends {@code text} as jsoup's {@code StringUtil.normaliseWhitespace} writes it ({@link
     * TextNode#text()}): each run of spaces, tabs, line breaks, form feeds, carriage returns and
     * no-break spaces as one space, zero-width spaces and soft hyphens left out (a run goes on
     * across them), everything else as it is. None of these is half of a surrogate pair, so going
     * char by char is the same as jsoup going code point by code point; over a char array, because
     * this runs on every word of every issue.
     */
    static void appendCollapsed(StringBuilder out, String text) {
        char[] chars = text.toCharArray();
        boolean lastWasWhite = false;
        int plain = 0; // the start of the characters not yet appended, kept as they are
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c == ' ' && !lastWasWhite) {
                lastWasWhite = true; // a single space stays in the run as it is
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == 0xA0) {
                out.append(chars, plain, i - plain);
                if (!lastWasWhite) {
                    out.append(' ');
                    lastWasWhite = true;
                }
                plain = i + 1;
            } else if (c == 0x200B || c == 0xAD) {
                out.append(chars, plain, i - plain);
                plain = i + 1;
            } else {
                lastWasWhite = false;
            }
        }
        out.append(chars, plain, chars.length - plain);
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

    private void newline() {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private void paragraph() {
        newline();
        if (out.length() > 1 && out.charAt(out.length() - 2) != '\n') {
            out.append('\n');
        }
    }

    /**
     * {@code raw} without the spaces, tabs, vertical tabs, form feeds and carriage returns before a
     * line break, three or more line breaks in a row as two, then stripped: what {@code
     * replaceAll("[ \t\x0B\f\r]+\n", "\n")}, {@code replaceAll("\n{3,}", "\n\n")} and {@code
     * strip()} give, in one pass.
     */
    static String tidy(String raw) {
        return tidy(raw.toCharArray());
    }

    /**
     * {@link #tidy(String)} of the text in {@code raw}, in one pass over arrays (it runs on every
     * issue): spaces are written as they come and taken back when a line break follows them; a line
     * break is left out when the two characters before it are already line breaks.
     */
    private static String tidy(char[] raw) {
        char[] out = new char[raw.length]; // nothing it does makes the text longer
        int written = 0;
        int spaces = -1; // where the spaces written last begin; -1 when the last is not a space
        for (char c : raw) {
            if (c == '\n') {
                if (spaces >= 0) {
                    written = spaces;
                    spaces = -1;
                }
                if (written < 2 || out[written - 1] != '\n' || out[written - 2] != '\n') {
                    out[written++] = '\n';
                }
            } else {
                if (!isHorizontal(c)) {
                    spaces = -1;
                } else if (spaces < 0) {
                    spaces = written;
                }
                out[written++] = c;
            }
        }
        return new String(out, 0, written).strip();
    }

    private static boolean isHorizontal(char c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f' || c == '\r';
    }
}

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

    private final StringBuilder out = new StringBuilder();

    private PlainText() {}

    /** The rendering of {@code root}'s content. */
    static String of(Element root) {
        PlainText text = new PlainText();
        root.traverse(text);
        return tidy(text.out.toString());
    }

    @Override
    public void head(Node node, int depth) {
        if (node instanceof TextNode text) {
            // A parse joins neighbouring text into one node; a cleaned tree can hold a run of
            // them where it dropped a comment or a script in between.
            if (!(text.previousSibling() instanceof TextNode)) {
                out.append(run(text));
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
                if (!href.isEmpty()
                        && !href.equals(element.text())
                        && !href.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
                    out.append(" (").append(href).append(')');
                }
            } else if (isBlock(tag)) {
                paragraph();
            }
        }
    }

    /** The text of {@code first} and the text nodes right after it, spaces collapsed as one. */
    private static String run(TextNode first) {
        if (!(first.nextSibling() instanceof TextNode)) {
            return first.text();
        }
        StringBuilder whole = new StringBuilder(first.getWholeText());
        for (Node next = first.nextSibling(); next instanceof TextNode text; ) {
            whole.append(text.getWholeText());
            next = text.nextSibling();
        }
        return new TextNode(whole.toString()).text();
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
        int n = raw.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = raw.charAt(i);
            if (isHorizontal(c)) {
                int end = endOfSpaces(raw, i);
                if (end == n || raw.charAt(end) != '\n') {
                    out.append(raw, i, end);
                }
                i = end;
            } else if (c == '\n') {
                // The breaks of this run, counting those with only removable spaces between.
                int breaks = 0;
                int end = i;
                while (end < n && raw.charAt(end) == '\n') {
                    breaks++;
                    int after = endOfSpaces(raw, end + 1);
                    end = after < n && raw.charAt(after) == '\n' ? after : end + 1;
                }
                out.append(breaks >= 2 ? "\n\n" : "\n");
                i = end;
            } else {
                int end = i + 1;
                while (end < n && !isHorizontal(raw.charAt(end)) && raw.charAt(end) != '\n') {
                    end++;
                }
                out.append(raw, i, end);
                i = end;
            }
        }
        return out.toString().strip();
    }

    private static int endOfSpaces(String raw, int from) {
        int end = from;
        while (end < raw.length() && isHorizontal(raw.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isHorizontal(char c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f' || c == '\r';
    }
}

package org.newsroom.newsletters.issues;

import java.util.Random;

/**
 * Random-ish issue HTML for comparing renderings: email layouts (nested tables, inline styles,
 * links, lists) mixed with what the cleaner must remove (scripts, handlers, forms, frames, SVG,
 * templates), entities, comments, control characters, half surrogate pairs and misnested or stray
 * tags. Seeded, so a failure names an input that can be run again.
 */
final class GeneratedHtml {

    static final String[] TEXTS = {
        "Harbour",
        "a b",
        "  ",
        "\n",
        "\t",
        "\r\n",
        "\f",
        "&nbsp;",
        "&amp;",
        "&lt;script&gt;",
        "&#8217;",
        "&#x41;",
        "&#0;",
        "&#xd800;",
        "&#1;",
        "&copy",
        "é",
        "😀",
        "\ud83d",
        "\ude00",
        "\u0000",
        "\u0001",
        "\uFEFF",
        "\u200b",
        "<!-- note -->",
        "<![CDATA[x<y]]>",
        "<",
        ">",
        "&",
        "'",
        "\"",
        " the budget vote ",
        "mailto:x@example.org",
        "https://example.org/detours"
    };

    static final String[] URLS = {
        "https://example.org/x",
        "HTTPS://Example.org/a/../b?q=1#f",
        "http://user:pw@example.org/",
        "mailto:Reader@Example.org",
        "MAILTO:x@y",
        "ftp://files.example.org/a",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java&#x09;script:x",
        "/relative",
        "relative/path",
        "#top",
        "//example.org/x",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:x",
        "tel:+123",
        "  https://example.org/sp  ",
        "https://exa mple.org",
        "https://例子.测试/路径",
        "?q=1",
        "file:///etc/passwd",
        "https:",
        "http://[::1]/",
        "https://example.org/%zz",
        "\u0001https://x.org",
        "https://example.org/detours",
        "https://example.org/detours",
        ""
    };

    static final String[] STYLES = {
        "color:red",
        "COLOR: Red; width: 10px",
        "x:expression (1)",
        "background:url(javascript:alert(1))",
        "behavior : url(x)",
        "-MOZ-binding:url(x)",
        "@IMPORT 'x'",
        "expreſſion(1)",
        "EXPRESSION\t(",
        "font-family:&quot;Georgia&quot;",
        "padding:0 0 8px",
        "x:expr\\65ssion(1)",
        "x:expr/**/ession(1)",
        "background:url(java&#9;script:alert(1))",
        "background:url(JAVA&#10;SCRIPT&#13;:x)"
    };

    static final String[] ATTRIBUTES = {
        "onclick=\"x()\"",
        "onerror=alert(1)",
        "class=\"lead\"",
        "id=top",
        "data-x=1",
        "title=\"Tuesday &amp; more\"",
        "align=center",
        "width=600",
        "bgcolor=#ffffff",
        "dir=rtl",
        "border=0",
        "cellpadding=4",
        "role=presentation",
        "color=red",
        "face=Georgia",
        "size=3",
        "colspan=2",
        "alt=\"Map\"",
        "alt",
        "TITLE=Upper",
        "title=a title=b",
        "cite=\"https://example.org/q\"",
        "cite=\"javascript:x\"",
        "title=\"\u0000\"",
        "title=\"\ud800\""
    };

    static final String[] SAFE = {
        "p",
        "div",
        "span",
        "b",
        "i",
        "em",
        "strong",
        "u",
        "s",
        "font",
        "center",
        "h1",
        "h2",
        "h3",
        "blockquote",
        "a",
        "section",
        "header",
        "footer",
        "figure",
        "figcaption",
        "mark",
        "small",
        "code",
        "q",
        "cite",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "sub",
        "sup",
        "strike",
        "pre"
    };

    static final String[] UNSAFE = {
        "script",
        "style",
        "form",
        "object",
        "iframe",
        "svg",
        "math",
        "template",
        "noscript",
        "textarea",
        "select",
        "option",
        "button",
        "title",
        "marquee",
        "nobr",
        "big",
        "xmp",
        "label",
        "article",
        "main",
        "nav",
        "video",
        "body",
        "html",
        "head",
        "frameset",
        "abbr",
        "time"
    };

    static final String[] VOID = {"br", "hr", "img", "col", "wbr", "input", "meta", "link", "base"};

    private final Random random;

    /** How often, out of 100, an element is one the cleaner drops. */
    private final int unsafePercent;

    GeneratedHtml(long seed, int unsafePercent) {
        this.random = new Random(seed);
        this.unsafePercent = unsafePercent;
    }

    /** One document. */
    String next() {
        StringBuilder html = new StringBuilder();
        content(html, random.nextInt(4));
        return html.toString();
    }

    private void content(StringBuilder html, int depth) {
        for (int n = 1 + random.nextInt(5); n > 0; n--) {
            int pick = random.nextInt(100);
            if (pick < 30 || depth == 0) {
                html.append(pick(TEXTS));
            } else if (pick < 40) {
                table(html, depth - 1);
            } else if (pick < 48) {
                html.append('<').append(pick(VOID)).append(attributes()).append('>');
            } else if (pick < 52) {
                html.append("</").append(pick(random.nextBoolean() ? SAFE : UNSAFE)).append('>');
            } else {
                String tag = random.nextInt(100) < unsafePercent ? pick(UNSAFE) : pick(SAFE);
                html.append('<').append(tag).append(attributes()).append('>');
                if (tag.equals("script") || tag.equals("style")) {
                    html.append(tag.equals("script") ? "alert('<b>x</b>')" : "p{color:red}");
                } else {
                    content(html, depth - 1);
                }
                if (random.nextInt(10) > 0) {
                    html.append("</").append(tag).append('>');
                }
            }
        }
    }

    private void table(StringBuilder html, int depth) {
        html.append("<table").append(attributes()).append('>');
        if (random.nextBoolean()) {
            html.append("<caption>").append(pick(TEXTS)).append("</caption>");
        }
        for (int row = random.nextInt(3); row >= 0; row--) {
            html.append("<tr").append(attributes()).append('>');
            for (int cell = random.nextInt(3); cell >= 0; cell--) {
                html.append(random.nextBoolean() ? "<td" : "<th").append(attributes()).append('>');
                content(html, depth);
                if (random.nextBoolean()) {
                    html.append("</td>");
                }
            }
            if (random.nextInt(4) == 0) {
                html.append(pick(TEXTS));
            }
            html.append("</tr>");
        }
        html.append("</table>");
    }

    private String attributes() {
        StringBuilder out = new StringBuilder();
        for (int n = random.nextInt(4); n > 0; n--) {
            int pick = random.nextInt(10);
            out.append(' ');
            if (pick < 3) {
                out.append(random.nextBoolean() ? "href" : "src")
                        .append("=\"")
                        .append(pick(URLS))
                        .append('"');
            } else if (pick < 5) {
                out.append("style=\"").append(pick(STYLES)).append('"');
            } else {
                out.append(pick(ATTRIBUTES));
            }
        }
        return out.toString();
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}

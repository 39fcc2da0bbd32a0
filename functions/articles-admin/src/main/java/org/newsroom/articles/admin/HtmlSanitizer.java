package org.newsroom.articles.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.owasp.html.AttributePolicy;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.HtmlTextEscapingMode;
import org.owasp.html.PolicyFactory;

/**
 * Cleans article bodies with the OWASP Java HTML Sanitizer's allow-list: scripts, iframes, styles,
 * event-handler attributes and {@code javascript:} URLs never reach readers. The elements and
 * attributes are those of a rich article (jsoup's "relaxed" list, which this replaced, plus
 * figures, rules, strike-through and highlights). Links need an absolute http(s) or mailto address
 * and open with {@code rel="noopener noreferrer"}; images and quotations' sources need an absolute
 * http(s) one. A link or image without a usable address keeps its text (a link) or goes (an image).
 *
 * <p>The library parses, balances and filters; {@link Output} writes what it lets through, escaping
 * only what HTML needs ({@code & < > "} and no-break spaces), so that an editor reading a body back
 * finds the apostrophes and equals signs they typed rather than numeric references.
 */
final class HtmlSanitizer {

    /** Elements that do not break a word: the text either side of their tags runs on. */
    private static final Set<String> INLINE =
            Set.of(
                    "a", "b", "cite", "code", "em", "i", "img", "mark", "q", "s", "small", "span",
                    "strike", "strong", "sub", "sup", "u");

    /** Elements with no end tag. */
    private static final Set<String> VOID = Set.of("br", "col", "hr", "img");

    /** A link's address: absolute, on the web or an email address. */
    private static final AttributePolicy LINK_ADDRESS =
            (element, attribute, value) ->
                    startsWithIgnoringCase(value, "https://")
                                    || startsWithIgnoringCase(value, "http://")
                                    || startsWithIgnoringCase(value, "mailto:")
                            ? value
                            : null;

    /** An image's or a quotation's source: absolute, on the web. */
    private static final AttributePolicy WEB_ADDRESS =
            (element, attribute, value) ->
                    startsWithIgnoringCase(value, "https://")
                                    || startsWithIgnoringCase(value, "http://")
                            ? value
                            : null;

    /** A link without an address is only its text; one with an address opens safely. */
    private static final ElementPolicy LINK =
            (element, attributes) -> {
                if (!has(attributes, "href")) {
                    return null;
                }
                attributes.add("rel");
                attributes.add("noopener noreferrer");
                return element;
            };

    /** An image without a source shows nothing. */
    private static final ElementPolicy IMAGE =
            (element, attributes) -> has(attributes, "src") ? element : null;

    private static final PolicyFactory POLICY =
            new HtmlPolicyBuilder()
                    .allowElements(
                            "b",
                            "blockquote",
                            "br",
                            "caption",
                            "cite",
                            "code",
                            "col",
                            "colgroup",
                            "dd",
                            "div",
                            "dl",
                            "dt",
                            "em",
                            "figcaption",
                            "figure",
                            "h1",
                            "h2",
                            "h3",
                            "h4",
                            "h5",
                            "h6",
                            "hr",
                            "i",
                            "li",
                            "mark",
                            "ol",
                            "p",
                            "pre",
                            "q",
                            "s",
                            "small",
                            "span",
                            "strike",
                            "strong",
                            "sub",
                            "sup",
                            "table",
                            "tbody",
                            "td",
                            "tfoot",
                            "th",
                            "thead",
                            "tr",
                            "u",
                            "ul")
                    .allowWithoutAttributes("span")
                    .allowElements(LINK, "a")
                    .allowElements(IMAGE, "img")
                    // The library's URL guard, which runs before the address policies above:
                    // it strips white space, refuses every other scheme and percent-encodes
                    // controls, spaces and brackets. Without it no URL passes at all.
                    .allowUrlProtocols("http", "https", "mailto")
                    .allowAttributes("href")
                    .matching(LINK_ADDRESS)
                    .onElements("a")
                    .allowAttributes("title")
                    .onElements("a", "img")
                    .allowAttributes("src")
                    .matching(WEB_ADDRESS)
                    .onElements("img")
                    .allowAttributes("cite")
                    .matching(WEB_ADDRESS)
                    .onElements("blockquote", "q")
                    .allowAttributes("align", "alt", "height", "width")
                    .onElements("img")
                    .allowAttributes("start", "type")
                    .onElements("ol")
                    .allowAttributes("type")
                    .onElements("ul")
                    .allowAttributes("summary", "width")
                    .onElements("table")
                    .allowAttributes("abbr", "axis", "colspan", "rowspan", "width")
                    .onElements("td", "th")
                    .allowAttributes("scope")
                    .onElements("th")
                    .allowAttributes("span", "width")
                    .onElements("col", "colgroup")
                    .toFactory();

    private HtmlSanitizer() {}

    /**
     * Sanitised HTML, its visible text (for word counts), and whether it holds all of the body's
     * allowed content: false when the body nests elements {@link #MAX_DEPTH} deep.
     */
    record Cleaned(String html, String text, boolean complete) {}

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
     * Cleans once, writing the HTML and collecting the text in the same pass; the same body as the
     * last one is answered from {@link #last}.
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

    /**
     * How deep the library nests elements: with this many open, it drops what comes next, text
     * included, without a word. A body that nests that deep is refused instead ({@link
     * Cleaned#complete}).
     */
    static final int MAX_DEPTH = 256;

    /** Cleans {@code html}, whatever was cleaned before. */
    static Cleaned cleanNow(String html) {
        Cleaner cleaner = CLEANERS.get();
        cleaner.output.start(html.length());
        org.owasp.html.HtmlSanitizer.sanitize(html, cleaner.depth);
        return cleaner.output.cleaned(cleaner.depth.deepest < MAX_DEPTH);
    }

    /**
     * Between the library's tag balancer and the policy: counts how deep the balanced elements
     * nest, implied ones (a list around a stray item) included, as the balancer's own limit counts
     * them. Elements with no content (br) do not nest; an end tag that does not close the innermost
     * element counted (one the balancer did not open, such as an unknown element's) leaves the
     * count as it is, so the count is never below the balancer's.
     */
    private static final class Depth implements org.owasp.html.HtmlSanitizer.Policy {
        private final org.owasp.html.HtmlSanitizer.Policy policy;
        private final List<String> open = new ArrayList<>();
        int deepest;

        Depth(org.owasp.html.HtmlSanitizer.Policy policy) {
            this.policy = policy;
        }

        @Override
        public void openDocument() {
            open.clear();
            deepest = 0;
            policy.openDocument();
        }

        @Override
        public void closeDocument() {
            policy.closeDocument();
        }

        @Override
        public void openTag(String element, List<String> attributes) {
            if (!HtmlTextEscapingMode.isVoidElement(element)) {
                open.add(element);
                deepest = Math.max(deepest, open.size());
            }
            policy.openTag(element, attributes);
        }

        @Override
        public void closeTag(String element) {
            int innermost = open.size() - 1;
            if (innermost >= 0 && open.get(innermost).equals(element)) {
                open.remove(innermost);
            }
            policy.closeTag(element);
        }

        @Override
        public void text(String text) {
            policy.text(text);
        }
    }

    /**
     * A writer and the policy that feeds it, made once per thread: making the policy copies the
     * allow-list's tables (a quarter of a cleaning's time when measured), and the policy keeps one
     * document's state, which it resets when the next document opens, so a thread may reuse it but
     * not share it (the warm-up thread cleans while a first request may).
     */
    static final class Cleaner {
        final Output output = new Output();
        final org.owasp.html.HtmlSanitizer.Policy policy = POLICY.apply(output);
        final Depth depth = new Depth(policy);
    }

    static final ThreadLocal<Cleaner> CLEANERS = ThreadLocal.withInitial(Cleaner::new);

    static String clean(String html) {
        return sanitise(html).html();
    }

    private static boolean has(List<String> attributes, String name) {
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code value} starts with {@code prefix} (lower-case ASCII) in any ASCII case: only
     * ASCII letters fold, so that "httpſ://" (a long s, which Unicode folds to s) is no scheme.
     */
    private static boolean startsWithIgnoringCase(String value, String prefix) {
        if (value.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = value.charAt(i);
            char p = prefix.charAt(i);
            if (c != p && !(p >= 'a' && p <= 'z' && c == p - ('a' - 'A'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the elements, attributes and text the policy lets through, and collects the text as a
     * reader sees it: runs of white space (no-break spaces too) as one space, and a space wherever
     * a block starts or ends. Names come from the allow-list (lower case); attribute values and
     * text arrive decoded and are escaped here, and "{{" is split (a client-side template would
     * evaluate it). Characters HTML does not allow in a document (C0 and C1 controls other than
     * white space, U+FFFE, U+FFFF, unpaired surrogates) are dropped.
     */
    private static final class Output implements HtmlStreamEventReceiver {

        private StringBuilder html = new StringBuilder();
        private StringBuilder text = new StringBuilder();

        /** Starts a document of about {@code expected} characters. */
        void start(int expected) {
            html = new StringBuilder(expected + 64);
            text = new StringBuilder(expected);
        }

        Cleaned cleaned(boolean complete) {
            return new Cleaned(html.toString(), text.toString().stripTrailing(), complete);
        }

        @Override
        public void openDocument() {}

        @Override
        public void closeDocument() {}

        @Override
        public void openTag(String element, List<String> attributes) {
            html.append('<').append(element);
            for (int i = 0; i + 1 < attributes.size(); i += 2) {
                html.append(' ').append(attributes.get(i)).append("=\"");
                escape(attributes.get(i + 1), true);
                html.append('"');
            }
            html.append('>');
            breaksWords(element);
        }

        @Override
        public void closeTag(String element) {
            if (!VOID.contains(element)) {
                html.append("</").append(element).append('>');
            }
            breaksWords(element);
        }

        @Override
        public void text(String chunk) {
            escape(chunk, false);
        }

        private void breaksWords(String element) {
            if (!INLINE.contains(element)) {
                space();
            }
        }

        /** One space between words, none first: white space collapses, as a browser shows it. */
        private void space() {
            int length = text.length();
            if (length > 0 && text.charAt(length - 1) != ' ') {
                text.append(' ');
            }
        }

        private void escape(String value, boolean attribute) {
            StringBuilder words = attribute ? null : text;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    html.append(c).append(value.charAt(i + 1));
                    if (words != null) {
                        words.append(c).append(value.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                if (!allowed(c)) {
                    continue;
                }
                if (c == '{' && html.length() > 0 && html.charAt(html.length() - 1) == '{') {
                    // "{{" would be an expression to a page that renders bodies through a
                    // client-side template (Angular, Vue): split it as the library does.
                    html.append(attribute ? "\u200B" : "<!-- -->");
                }
                switch (c) {
                    case '&' -> html.append("&amp;");
                    case '<' -> html.append("&lt;");
                    case '>' -> html.append("&gt;");
                    case '"' -> html.append(attribute ? "&quot;" : "\"");
                    case '\u00A0' -> html.append("&nbsp;");
                    default -> html.append(c);
                }
                if (words != null) {
                    if (c == ' '
                            || c == '\t'
                            || c == '\n'
                            || c == '\r'
                            || c == '\f'
                            || c == '\u00A0') {
                        space();
                    } else {
                        words.append(c);
                    }
                }
            }
        }

        private static boolean allowed(char c) {
            if (c < 0x20) {
                return c == '\t' || c == '\n' || c == '\r' || c == '\f';
            }
            if (c >= 0x7F && c <= 0x9F) {
                return false;
            }
            return !Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF';
        }
    }
}

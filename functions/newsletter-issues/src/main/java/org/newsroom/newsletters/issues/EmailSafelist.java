package org.newsroom.newsletters.issues;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * What issue HTML may hold: jsoup's relaxed list plus what email layouts are made of (tables,
 * inline styles, {@code font}, {@code center}), with the protocols its URL attributes may use.
 *
 * <p>The URL attributes are checked here, the way jsoup checks them, instead of by jsoup: jsoup
 * first resolves each URL against the document's base URI, and the base of a body fragment is
 * empty, so that step threw (and filled in a stack trace for) every link and image of every issue.
 * Here a URL is read as {@code new URL(value)} writes it, else kept as written when it starts with
 * a scheme, else as written; it stays when it then starts with one of its attribute's protocols.
 * {@code EmailSafelistTest} checks that this table is exactly jsoup's and that jsoup is left with
 * none to check.
 */
final class EmailSafelist extends Safelist {

    /** Per tag, its URL attributes and their allowed protocols (as prefixes, colon included). */
    static final Map<String, Map<String, List<String>>> URL_PROTOCOLS =
            Map.of(
                    "a", Map.of("href", List.of("ftp:", "http:", "https:", "mailto:")),
                    "img", Map.of("src", List.of("http:", "https:")),
                    "blockquote", Map.of("cite", List.of("http:", "https:")),
                    "q", Map.of("cite", List.of("http:", "https:")),
                    "cite", Map.of("cite", List.of("http:", "https:")));

    /** What jsoup accepts as a scheme when {@link URL} cannot read the value. */
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+-.]*:");

    EmailSafelist() {
        super(
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
                                ":all", "style", "align", "valign", "width", "height", "bgcolor",
                                "dir", "title")
                        .addAttributes("table", "border", "cellpadding", "cellspacing", "role")
                        .addAttributes("font", "color", "face", "size"));
        URL_PROTOCOLS.forEach(
                (tag, attributes) ->
                        attributes.forEach(
                                (attribute, prefixes) ->
                                        removeProtocols(
                                                tag,
                                                attribute,
                                                prefixes.stream()
                                                        .map(p -> p.substring(0, p.length() - 1))
                                                        .toArray(String[]::new))));
    }

    /**
     * Also refuses a {@code style} holding old-browser CSS that runs script ({@link UnsafeStyle}),
     * as the cleaning removed it from the cleaned tree before: the cleaner leaves it out instead.
     */
    @Override
    public boolean isSafeAttribute(String tagName, Element element, Attribute attribute) {
        if (!super.isSafeAttribute(tagName, element, attribute)) {
            return false;
        }
        if (attribute.getKey().equals("style")) {
            return !UnsafeStyle.in(attribute.getValue());
        }
        Map<String, List<String>> urls = URL_PROTOCOLS.get(tagName);
        List<String> prefixes = urls == null ? null : urls.get(attribute.getKey());
        return prefixes == null || hasAllowedProtocol(element, attribute, prefixes);
    }

    /** jsoup's protocol test; like jsoup, it rewrites the attribute to the URL it read. */
    private boolean hasAllowedProtocol(
            Element element, Attribute attribute, List<String> prefixes) {
        String value =
                element.baseUri().isEmpty()
                        ? withoutBase(attribute.getValue())
                        : element.absUrl(attribute.getKey());
        if (value.isEmpty()) {
            value = attribute.getValue();
        }
        if (!preserveRelativeLinks()) {
            attribute.setValue(value);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String prefix : prefixes) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What jsoup resolves {@code url} to against an empty base: the base never parses, so only the
     * URL read on its own counts. Throws only for a URL without a scheme (a relative link).
     */
    static String withoutBase(String url) {
        String stripped = withoutControlCharacters(url);
        if (isPlainWebUrl(stripped)) {
            return stripped;
        }
        try {
            return new URL(stripped).toExternalForm();
        } catch (MalformedURLException e) {
            return SCHEME.matcher(stripped).find() ? stripped : "";
        }
    }

    /**
     * Whether {@code new URL(url).toExternalForm()} is known to give {@code url} back unchanged
     * without reading it (reading it was most of the cost of checking a link): {@code http://} or
     * {@code https://} in lower case, a host of ASCII letters, digits, dots and hyphens (no user,
     * no port), then nothing or a path, query and fragment of characters a URL keeps as they are,
     * without two slashes in a row or a slash before a dot (no dot segment for the URL to remove).
     * Anything else is read by {@link URL}, as before.
     */
    static boolean isPlainWebUrl(String url) {
        int start;
        if (url.startsWith("https://")) {
            start = 8;
        } else if (url.startsWith("http://")) {
            start = 7;
        } else {
            return false;
        }
        int n = url.length();
        int i = start;
        while (i < n && isHostCharacter(url.charAt(i))) {
            i++;
        }
        if (i == start || (i < n && url.charAt(i) != '/')) {
            return false;
        }
        for (; i < n; i++) {
            char c = url.charAt(i);
            if (!isKeptCharacter(c)) {
                return false;
            }
            if (c == '/' && i + 1 < n && (url.charAt(i + 1) == '/' || url.charAt(i + 1) == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHostCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '-';
    }

    private static boolean isKeptCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-._~/?=&%+,;:@!*'()#$".indexOf(c) >= 0;
    }

    /** {@code url} without U+0000 to U+001F, which browsers ignore inside a URL. */
    static String withoutControlCharacters(String url) {
        int first = 0;
        while (first < url.length() && url.charAt(first) >= 0x20) {
            first++;
        }
        if (first == url.length()) {
            return url;
        }
        StringBuilder kept = new StringBuilder(url.length()).append(url, 0, first);
        for (int i = first + 1; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c >= 0x20) {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}

package org.newsroom.newsletters.issues;

/**
 * Old-browser CSS that runs script or fetches on its own: {@code expression(}, {@code javascript:},
 * {@code behavior:}, {@code -moz-binding} and {@code @import}, in any ASCII case, with any spaces
 * or control characters before the bracket or colon and inside the words too (a URL parser drops
 * tabs and line breaks, so {@code java<tab>script:} is {@code javascript:} to it). A style with a
 * CSS escape (a backslash: {@code expr\65ssion(}) or a comment ({@code expr/**}{@code /ession(}) is
 * refused whole, as both can hide a word from this test and an issue's styles need neither. Written
 * out rather than as a regular expression because it runs on every styled element of every issue.
 */
final class UnsafeStyle {

    private UnsafeStyle() {}

    /** Whether {@code css} holds one of the unsafe constructs anywhere, or an escape or comment. */
    static boolean in(String css) {
        if (css.indexOf('\\') >= 0 || css.contains("/*")) {
            return true;
        }
        for (int i = 0; i < css.length(); i++) {
            boolean unsafe =
                    switch (lower(css.charAt(i))) {
                        case 'e' -> followedBy(css, word(css, i, "expression"), '(');
                        case 'j' -> word(css, i, "javascript:") > 0;
                        case 'b' -> followedBy(css, word(css, i, "behavior"), ':');
                        case '-' -> word(css, i, "-moz-binding") > 0;
                        case '@' -> word(css, i, "@import") > 0;
                        default -> false;
                    };
            if (unsafe) {
                return true;
            }
        }
        return false;
    }

    /**
     * The index after {@code word} (lower case) starting at {@code from} in any ASCII case, spaces
     * and control characters between its letters skipped, else -1.
     */
    private static int word(String css, int from, String word) {
        int i = from;
        for (int k = 0; k < word.length(); k++) {
            if (k > 0) {
                while (i < css.length() && isIgnorable(css.charAt(i))) {
                    i++;
                }
            }
            if (i >= css.length() || lower(css.charAt(i)) != word.charAt(k)) {
                return -1;
            }
            i++;
        }
        return i;
    }

    /**
     * Whether {@code mark} follows at {@code from} after spaces and control characters; false when
     * {@code from} is -1.
     */
    private static boolean followedBy(String css, int from, char mark) {
        if (from < 0) {
            return false;
        }
        int i = from;
        while (i < css.length() && isIgnorable(css.charAt(i))) {
            i++;
        }
        return i < css.length() && css.charAt(i) == mark;
    }

    /** A space or a control character (at most U+0020, or DEL). */
    private static boolean isIgnorable(char c) {
        return c <= ' ' || c == 0x7F;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}

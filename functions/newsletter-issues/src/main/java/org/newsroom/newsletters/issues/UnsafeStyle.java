package org.newsroom.newsletters.issues;

/**
 * Old-browser CSS that runs script or fetches on its own: {@code expression(}, {@code javascript:},
 * {@code behavior:}, {@code -moz-binding} and {@code @import}, in any ASCII case, with any spaces
 * before the bracket or colon. The same test as the regular expression {@code
 * expression\s*\(|javascript:|behavior\s*:|-moz-binding|@import} (case-insensitive), written out
 * because it runs on every styled element of every issue.
 */
final class UnsafeStyle {

    private UnsafeStyle() {}

    /** Whether {@code css} holds one of the unsafe constructs anywhere. */
    static boolean in(String css) {
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

    /** The index after {@code word} (lower case) at {@code from} in any ASCII case, else -1. */
    private static int word(String css, int from, String word) {
        if (css.length() - from < word.length()) {
            return -1;
        }
        for (int k = 0; k < word.length(); k++) {
            if (lower(css.charAt(from + k)) != word.charAt(k)) {
                return -1;
            }
        }
        return from + word.length();
    }

    /** Whether {@code mark} follows at {@code from} after spaces; false when {@code from} is -1. */
    private static boolean followedBy(String css, int from, char mark) {
        if (from < 0) {
            return false;
        }
        int i = from;
        while (i < css.length() && isSpace(css.charAt(i))) {
            i++;
        }
        return i < css.length() && css.charAt(i) == mark;
    }

    /** The characters of {@code \s} in a Java regular expression. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}

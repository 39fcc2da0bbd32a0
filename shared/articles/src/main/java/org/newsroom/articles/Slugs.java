package org.newsroom.articles;

/**
 * The slug rule shared by article slugs, sections and tags: lower-case words joined by hyphens
 * ({@code [a-z0-9]+(-[a-z0-9]+)*}), at most {@value #MAX_LENGTH} characters. Checked by hand: every
 * save checks several, and a regular expression costs a matcher each time.
 */
public final class Slugs {

    public static final int MAX_LENGTH = 100;

    private Slugs() {}

    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        boolean afterHyphen = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '-') {
                if (afterHyphen) {
                    return false;
                }
                afterHyphen = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                afterHyphen = false;
            } else {
                return false;
            }
        }
        return !afterHyphen;
    }
}

package org.newsroom.articles;

import java.util.regex.Pattern;

/** The slug rule shared by article slugs, sections and tags: lower-case words joined by hyphens. */
public final class Slugs {

    public static final int MAX_LENGTH = 100;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    private Slugs() {}

    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX_LENGTH && SLUG.matcher(value).matches();
    }
}

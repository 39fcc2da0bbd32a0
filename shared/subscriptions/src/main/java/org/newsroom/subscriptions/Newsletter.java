package org.newsroom.subscriptions;

import java.util.Objects;

/**
 * One newsletter of the catalogue. {@code id} is a short slug (lower-case letters, digits, hyphens)
 * used in signups and links; {@code isDefault} newsletters are the ones a signup without a list
 * gets.
 */
public record Newsletter(
        String id,
        String name,
        String description,
        String cadence,
        boolean isDefault,
        int position) {

    /** The longest id. */
    private static final int MAX_ID = 48;

    public Newsletter {
        Objects.requireNonNull(name, "name");
        if (!isValidId(id)) {
            throw new IllegalArgumentException(
                    "A newsletter id is a slug of lower-case letters, digits and hyphens");
        }
        description = description == null ? "" : description;
        cadence = cadence == null ? "" : cadence;
    }

    /**
     * Whether {@code id} is 1 to 48 lower-case letters, digits and hyphens, neither starting nor
     * ending with a hyphen (the expression {@code [a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?}, written
     * out: every request on a newsletter checks it).
     */
    public static boolean isValidId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID) {
            return false;
        }
        int last = id.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = id.charAt(i);
            boolean allowed =
                    (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || (c == '-' && i > 0 && i < last);
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}

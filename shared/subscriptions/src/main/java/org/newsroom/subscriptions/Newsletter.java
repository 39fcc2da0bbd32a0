package org.newsroom.subscriptions;

import java.util.Objects;
import java.util.regex.Pattern;

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

    private static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?");

    public Newsletter {
        Objects.requireNonNull(name, "name");
        if (!isValidId(id)) {
            throw new IllegalArgumentException(
                    "A newsletter id is a slug of lower-case letters, digits and hyphens");
        }
        description = description == null ? "" : description;
        cadence = cadence == null ? "" : cadence;
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}

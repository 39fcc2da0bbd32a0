package org.newsroom.memberships;

import java.util.Objects;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;

/**
 * The membership id an imported address gets. The import writes it, and a first paid membership
 * looks it up (to link the person to an imported member, or to leave a placeholder a later import
 * finds), so both must compute it the same way: that way is this type.
 *
 * <p>Deployed, it is {@code import-} followed by the address's peppered id ({@link AddressKeys#id},
 * the same HMAC the subscriptions table is keyed with), so no member id carries a digest that a
 * list of candidate addresses could reverse. Stacks whose members were imported under the bare
 * SHA-256 of the address re-key them as the README's "Importing existing members" says.
 */
@FunctionalInterface
public interface ImportIds {

    /** The id of the imported membership of {@code email} (a normalised address). */
    String of(EmailAddress email);

    /** {@code import-<peppered address id>}: the ids the import and the webhook use. */
    static ImportIds peppered(AddressKeys keys) {
        Objects.requireNonNull(keys, "keys");
        // concat, not a concatenation expression: cheaper in code not compiled to the top level.
        return email -> "import-".concat(keys.id(email));
    }

    /**
     * For services that never start a membership from an address (the gift mailer ends gift
     * memberships, {@code make gift-jobs} corrects gift addresses), so they are not given the
     * pepper: asking it for an id is a programming error and fails loudly.
     */
    static ImportIds notUsed() {
        return email -> {
            throw new IllegalStateException(
                    "This service never links imported members: give it ImportIds.peppered");
        };
    }
}

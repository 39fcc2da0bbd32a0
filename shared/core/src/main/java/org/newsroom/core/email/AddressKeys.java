package org.newsroom.core.email;

import java.util.Objects;
import org.newsroom.core.crypto.Pepper;

/**
 * The pseudonymous keys of an email address, keyed with the stack's {@link Pepper}: the address
 * itself appears only where mail must be sent to it.
 *
 * <ul>
 *   <li>{@link #id}: the address's id (43 base64url characters): the subscriptions table's
 *       partition key, the subject of link tokens, the suppression's key;
 *   <li>{@link #mailboxId}: the id of the inbox behind the address ({@link
 *       EmailAddress#mailbox()}), so limits count {@code reader+a@} and {@code reader+b@} as one.
 * </ul>
 */
public final class AddressKeys {

    private final Pepper pepper;

    public AddressKeys(Pepper pepper) {
        this.pepper = Objects.requireNonNull(pepper, "pepper");
    }

    /** The address's id: one per normalised address. */
    public String id(EmailAddress address) {
        return pepper.digest("address", address.value());
    }

    /** The id of the mailbox behind the address: one per inbox, however the address is written. */
    public String mailboxId(EmailAddress address) {
        return pepper.digest("mailbox", address.mailbox());
    }
}

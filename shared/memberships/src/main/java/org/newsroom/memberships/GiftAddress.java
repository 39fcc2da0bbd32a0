package org.newsroom.memberships;

import java.util.List;
import java.util.Objects;

/**
 * A gift as one address sees it: the gift and the roles the address has in it (it may have bought
 * the gift for itself). Found through the gift's address items ({@link MembershipItems}), for a
 * reader's copy of their data.
 */
public record GiftAddress(Gift gift, List<Role> roles) {

    /** Which of a gift's addresses an address is. */
    public enum Role {
        BUYER,
        RECIPIENT
    }

    public GiftAddress {
        Objects.requireNonNull(gift, "gift");
        roles = List.copyOf(roles);
    }

    /** One address item: the gift it files under the address, and in which role. */
    record Reference(String giftId, Role role) {}
}

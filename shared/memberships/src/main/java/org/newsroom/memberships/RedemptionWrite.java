package org.newsroom.memberships;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link GiftRepository#redeemGift} did: applied; refused by the gift's own conditions, with
 * the gift as that write found it ({@code found}; empty: there was none), so the caller can say why
 * without reading the gift again; or in conflict with another write (the member or a counter
 * changed meanwhile), which a new attempt may get past.
 */
public record RedemptionWrite(Outcome outcome, Optional<Gift> found) {

    public enum Outcome {
        APPLIED,
        REFUSED,
        CONFLICT
    }

    public static final RedemptionWrite APPLIED =
            new RedemptionWrite(Outcome.APPLIED, Optional.empty());

    public static final RedemptionWrite CONFLICT =
            new RedemptionWrite(Outcome.CONFLICT, Optional.empty());

    public RedemptionWrite {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(found, "found");
    }

    /** Refused by the gift's conditions; {@code found} is the gift as the write saw it. */
    public static RedemptionWrite refused(Optional<Gift> found) {
        return new RedemptionWrite(Outcome.REFUSED, found);
    }
}

package org.newsroom.memberships;

import java.util.Optional;

/** The current membership campaign, one item that operators edit (no deploy). */
public interface CampaignStore {

    /** The campaign as stored now; empty when there is none. */
    Optional<Campaign> find();

    /** Makes {@code campaign} the current one, replacing any other. */
    void put(Campaign campaign);

    /** Ends the campaign: the banner shows supporters only. Counters are kept. */
    void clear();
}

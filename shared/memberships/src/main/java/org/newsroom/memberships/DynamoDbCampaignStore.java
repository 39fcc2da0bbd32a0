package org.newsroom.memberships;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@link CampaignStore} on the {@link MembershipTable}: the item {@code CAMPAIGN}/{@code CAMPAIGN}
 * ({@link MembershipItems#campaignKey()}), read strongly consistently.
 */
public final class DynamoDbCampaignStore implements CampaignStore {

    private final MembershipTable table;
    private final Clock clock;

    public DynamoDbCampaignStore(MembershipTable table, Clock clock) {
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Campaign> find() {
        return table.get(MembershipItems.campaignKey(), "Could not read the campaign")
                .map(MembershipItems::toCampaign);
    }

    @Override
    public void put(Campaign campaign) {
        try {
            table.dynamo()
                    .putItem(
                            b ->
                                    b.tableName(table.name())
                                            .item(
                                                    MembershipItems.toItem(
                                                            campaign, clock.instant())));
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not write the campaign", e);
        }
    }

    @Override
    public void clear() {
        try {
            table.dynamo()
                    .deleteItem(b -> b.tableName(table.name()).key(MembershipItems.campaignKey()));
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not delete the campaign", e);
        }
    }
}

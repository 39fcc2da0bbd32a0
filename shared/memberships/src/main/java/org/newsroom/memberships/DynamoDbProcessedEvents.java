package org.newsroom.memberships;

import java.util.Objects;

/** {@link ProcessedEvents} on the {@link MembershipTable}: one conditional put per event. */
public final class DynamoDbProcessedEvents implements ProcessedEvents {

    private final MembershipTable table;

    public DynamoDbProcessedEvents(MembershipTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public WriteResult markProcessed(String eventId) {
        return table.transaction().markEvent(eventId).commit();
    }
}

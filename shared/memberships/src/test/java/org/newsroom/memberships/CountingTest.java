package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsroom.memberships.testing.InMemoryMembershipTable;

class CountingTest {

    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final InMemoryMembershipTable table = new InMemoryMembershipTable();
    private final ManualClock clock = new ManualClock();
    private final Campaign campaign =
            new Campaign(
                    "birthday",
                    "Birthday",
                    1000,
                    Instant.parse("2026-11-01T00:00:00Z"),
                    Instant.parse("2026-12-01T00:00:00Z"));

    @Test
    void started_shouldCountTheStoredCampaign_onlyInsideItsWindow() {
        table.put(campaign);
        Counting counting = Counting.fromStore(table, Duration.ofSeconds(60), clock);

        assertEquals(
                Map.of("supporters", 1L, "campaign:birthday", 1L),
                counting.started(clock.now).changes());
        assertEquals(
                Map.of("supporters", 1L),
                counting.started(Instant.parse("2026-12-01T00:00:00Z")).changes(),
                "the end is excluded");
        assertEquals(
                Map.of("supporters", 1L),
                counting.started(Instant.parse("2026-10-31T23:59:59Z")).changes());
    }

    @Test
    void started_shouldGiveOneDeltaPerCampaign_andANewOneWhenTheCampaignChanges() {
        table.put(campaign);
        Counting counting = Counting.fromStore(table, Duration.ofSeconds(60), clock);
        CounterDelta first = counting.started(clock.now);
        assertSame(first, counting.started(clock.now.plusSeconds(1)), "kept for the campaign");
        assertSame(
                counting.started(Instant.parse("2026-12-02T00:00:00Z")),
                counting.started(Instant.parse("2026-12-03T00:00:00Z")),
                "one supporters-only delta");

        // The same campaign put again (an equal, new object) and read again keeps the delta.
        table.put(
                new Campaign(
                        campaign.id(),
                        campaign.title(),
                        campaign.goal(),
                        campaign.startsAt(),
                        campaign.endsAt()));
        clock.now = clock.now.plusSeconds(60);
        assertSame(first, counting.started(clock.now));
        assertEquals(2, table.campaignReads());

        // The operator replaces the campaign; once re-read, starts count for the new one.
        table.put(
                new Campaign(
                        "winter",
                        "Winter",
                        500,
                        Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2027-01-01T00:00:00Z")));
        clock.now = clock.now.plusSeconds(60);
        assertEquals(
                Map.of("supporters", 1L, "campaign:winter", 1L),
                counting.started(clock.now).changes());
        assertEquals(
                Map.of("supporters", 1L, "campaign:birthday", 1L),
                first.changes(),
                "a delta handed out earlier never changes");
    }

    @Test
    void fromStore_shouldReadTheCampaignOncePerTtl_andPickUpAChangeAfterIt() {
        Counting counting = Counting.fromStore(table, Duration.ofSeconds(60), clock);
        assertEquals(Map.of("supporters", 1L), counting.started(clock.now).changes());

        table.put(campaign);
        for (int i = 0; i < 10; i++) {
            assertEquals(Map.of("supporters", 1L), counting.started(clock.now).changes());
        }
        assertEquals(1, table.campaignReads());

        clock.now = clock.now.plusSeconds(60);
        assertEquals(
                Map.of("supporters", 1L, "campaign:birthday", 1L),
                counting.started(clock.now).changes());
        assertEquals(2, table.campaignReads());
    }

    @Test
    void fromStore_shouldReadEveryTime_whenTtlIsZero() {
        Counting counting = Counting.fromStore(table, Duration.ZERO, clock);
        counting.campaign();
        counting.campaign();
        assertEquals(2, table.campaignReads());
    }
}

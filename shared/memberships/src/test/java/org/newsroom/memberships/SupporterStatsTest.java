package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.memberships.testing.InMemoryMembershipTable;

class SupporterStatsTest {

    /** A clock the test moves by hand. */
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

    private final InMemoryMembershipTable repository = new InMemoryMembershipTable();
    private final ManualClock clock = new ManualClock();

    @Test
    void current_shouldReadOncePerTtl() {
        SupporterStats stats = new SupporterStats(repository, Duration.ofSeconds(10), clock);
        repository.service(clock).startOrRenew("evt_1", "sub_1", "monthly", clock.now);
        for (int i = 0; i < 100; i++) {
            assertEquals(1, stats.current().supporters());
        }
        assertEquals(1, repository.counterReads());
        repository.service(clock).startOrRenew("evt_2", "sub_2", "monthly", clock.now);
        assertEquals(1, stats.current().supporters());
        clock.now = clock.now.plusSeconds(10);
        assertEquals(2, stats.current().supporters());
        assertEquals(2, repository.counterReads());
    }

    @Test
    void current_shouldReadEveryTime_whenTtlIsZero() {
        SupporterStats stats = new SupporterStats(repository, Duration.ZERO, clock);
        stats.current();
        stats.current();
        assertEquals(2, repository.counterReads());
    }

    @Test
    void current_shouldTakeTheCampaignFromTheSameRead_andFollowItsChangesAfterTheTtl() {
        SupporterStats stats = new SupporterStats(repository, Duration.ofSeconds(10), clock);
        Campaign first =
                new Campaign(
                        "spring",
                        "Spring",
                        50,
                        clock.now.minusSeconds(60),
                        clock.now.plusSeconds(600));
        repository.put(first);
        repository
                .service(Counting.withCampaign(first), clock)
                .startOrRenew("evt_1", "sub_1", "monthly", clock.now);

        SupporterStats.Snapshot snapshot = stats.current();
        assertEquals(Optional.of(first), snapshot.campaign());
        assertEquals(1, snapshot.campaignNewMembers());
        assertEquals(1, repository.counterReads());
        assertEquals(0, repository.campaignReads(), "no second request for the campaign");

        Campaign next = new Campaign("autumn", "Autumn", 70, clock.now, clock.now.plusSeconds(600));
        repository.put(next);
        assertEquals(Optional.of(first), stats.current().campaign(), "cached until the TTL");
        clock.now = clock.now.plusSeconds(10);
        snapshot = stats.current();
        assertEquals(Optional.of(next), snapshot.campaign());
        assertEquals(0, snapshot.campaignNewMembers(), "a new campaign counts from zero");
        assertEquals(1, snapshot.supporters());

        repository.clear();
        clock.now = clock.now.plusSeconds(10);
        assertEquals(Optional.empty(), stats.current().campaign());
    }
}

package org.newsroom.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CachedNewsletterCatalogueTest {

    private static final Instant START = Instant.parse("2026-11-30T09:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(60);

    private static Newsletter newsletter(String id, String name, int position) {
        return new Newsletter(id, name, "", "", false, position);
    }

    /** A table whose content the test changes, counting its reads. */
    private final AtomicReference<List<Newsletter>> table =
            new AtomicReference<>(
                    List.of(newsletter("daily", "Daily", 1), newsletter("weekly", "Weekly", 2)));

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<Instant> now = new AtomicReference<>(START);

    private final CachedNewsletterCatalogue catalogue =
            new CachedNewsletterCatalogue(
                    () -> {
                        reads.incrementAndGet();
                        return table.get();
                    },
                    new Clock() {
                        @Override
                        public Instant instant() {
                            return now.get();
                        }

                        @Override
                        public ZoneOffset getZone() {
                            return ZoneOffset.UTC;
                        }

                        @Override
                        public Clock withZone(java.time.ZoneId zone) {
                            throw new UnsupportedOperationException();
                        }
                    },
                    TTL);

    @Test
    void find_shouldAnswerFromOneReadOfTheTable_untilTheTtlPasses() {
        assertEquals("Daily", catalogue.find("daily").orElseThrow().name());
        assertEquals("Weekly", catalogue.find("weekly").orElseThrow().name());
        assertEquals(Optional.empty(), catalogue.find("monthly"));
        assertEquals(Optional.empty(), catalogue.find(null));
        assertEquals(1, reads.get());

        table.set(List.of(newsletter("daily", "Daily briefing", 1), newsletter("monthly", "M", 3)));
        now.set(START.plus(TTL).minusMillis(1));
        assertEquals("Daily", catalogue.find("daily").orElseThrow().name());
        assertEquals(1, reads.get());

        now.set(START.plus(TTL));
        assertEquals("Daily briefing", catalogue.find("daily").orElseThrow().name());
        assertEquals(Optional.empty(), catalogue.find("weekly"));
        assertEquals("M", catalogue.find("monthly").orElseThrow().name());
        assertEquals(2, reads.get());
    }

    @Test
    void find_shouldGiveTheFirstOfTwoWithOneId_asTheListSearchDoes() {
        Newsletter first = newsletter("daily", "First", 1);
        table.set(List.of(first, newsletter("daily", "Second", 2)));
        assertSame(first, catalogue.find("daily").orElseThrow());
        assertEquals(table.get(), catalogue.all());
    }

    @Test
    void all_andFind_shouldShareOneRead() {
        catalogue.all();
        catalogue.find("daily");
        catalogue.all();
        assertEquals(1, reads.get());
    }
}

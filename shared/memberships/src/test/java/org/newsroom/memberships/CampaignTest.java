package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CampaignTest {

    @Test
    void parse_shouldReadDatesAsWholeUtcDays_endDayIncluded() {
        Campaign campaign = Campaign.parse("birthday", "", "1000", "2026-11-01", "2026-11-30");
        assertEquals("birthday", campaign.title(), "an empty title becomes the id");
        assertEquals(1000, campaign.goal());
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), campaign.startsAt());
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), campaign.endsAt());
    }

    @Test
    void parse_shouldReadInstants() {
        Campaign campaign =
                Campaign.parse("x", "Title", "5", "2026-11-01T09:00:00Z", "2026-11-02T09:00:00Z");
        assertEquals(Instant.parse("2026-11-02T09:00:00Z"), campaign.endsAt());
    }

    @Test
    void parse_shouldNameTheField_whenInputIsNotACampaign() {
        assertMessage("goal", () -> Campaign.parse("x", "T", "many", "2026-11-01", "2026-11-30"));
        assertMessage("goal", () -> Campaign.parse("x", "T", "0", "2026-11-01", "2026-11-30"));
        assertMessage("start", () -> Campaign.parse("x", "T", "10", "soon", "2026-11-30"));
        assertMessage("end", () -> Campaign.parse("x", "T", "10", "2026-11-01", ""));
        assertMessage(
                "id", () -> Campaign.parse("no spaces", "T", "10", "2026-11-01", "2026-11-30"));
        assertMessage(
                "end after", () -> Campaign.parse("x", "T", "10", "2026-12-01", "2026-11-30"));
    }

    private static void assertMessage(String part, Runnable parse) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, parse::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}

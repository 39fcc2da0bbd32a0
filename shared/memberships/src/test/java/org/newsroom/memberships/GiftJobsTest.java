package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.memberships.testing.InMemoryMembershipTable;

class GiftJobsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryMembershipTable table = new InMemoryMembershipTable();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final GiftJobs jobs =
            new GiftJobs(
                    table,
                    table.service(clock),
                    clock,
                    new PrintStream(out, true, StandardCharsets.UTF_8));

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void list_shouldShowDeadLettersAndGiftsWaitingForAnAddress_withoutAnyAddress() {
        table.service(clock)
                .recordGift(
                        "evt_1",
                        GiftPurchase.builder("pi_1", "friend@example.org", NOW)
                                .buyerEmail("buyer@example.org")
                                .build());
        table.service(clock)
                .recordGift(
                        "evt_2",
                        GiftPurchase.withoutRecipient("pi_2", NOW)
                                .buyerEmail("buyer@example.org")
                                .build());
        GiftJob receipt = GiftJob.due("pi_1", GiftJob.Kind.RECEIPT_MAIL, NOW);
        table.claim(receipt, NOW, NOW.plusSeconds(600));
        table.deadLetter(receipt, NOW.plusSeconds(600), NOW, "MailException");

        assertEquals(0, jobs.run(List.of("list")));

        assertTrue(printed().contains("dead-lettered gift jobs: 1\n  pi_1 RECEIPT attempts=1"));
        assertTrue(printed().contains("gifts waiting for a recipient address: 1\n  pi_2 due="));
        assertFalse(printed().contains("@"));
    }

    @Test
    void retry_shouldMakeTheDeadLetterDue_andSayWhenThereIsNone() {
        table.service(clock)
                .recordGift(
                        "evt_1", GiftPurchase.builder("pi_1", "friend@example.org", NOW).build());
        GiftJob recipient = GiftJob.due("pi_1", GiftJob.Kind.RECIPIENT_MAIL, NOW);
        table.deadLetter(recipient, NOW, NOW, "MailException");

        assertEquals(0, jobs.run(List.of("retry", "pi_1", "recipient")));
        assertEquals(1, jobs.run(List.of("retry", "pi_1", "RECIPIENT")));
        assertEquals(2, jobs.run(List.of("retry", "pi_1", "nonsense")));
        assertEquals(List.of(recipient), table.due(NOW, 10));
    }

    @Test
    void recipient_shouldRefuseAnInvalidAddress_andChangeNothing() {
        table.service(clock)
                .recordGift("evt_1", GiftPurchase.withoutRecipient("pi_1", NOW).build());

        assertEquals(2, jobs.run(List.of("recipient", "pi_1", "sam at example dot org")));
        assertEquals(1, table.awaitingAddress(10).size());
        assertEquals(0, jobs.run(List.of("recipient", "pi_1", "sam@example.org")));
        assertEquals(List.of(), table.awaitingAddress(10));
        assertEquals(1, table.due(NOW, 10).size());
        assertEquals(1, jobs.run(List.of("recipient", "pi_unknown", "sam@example.org")));
    }
}

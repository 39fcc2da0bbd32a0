package org.newsroom.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class IssueItemsTest {

    private static final Instant CREATED = Instant.parse("2026-12-01T06:55:00Z");

    @Test
    void toSummaryItem_shouldHoldTheDraftsAttributes_inTheOrderADefaultMapGave() {
        Issue draft =
                new Issue(
                        "daily-briefing",
                        "20261201t065500z-abc123",
                        "The Daily Briefing",
                        "Tuesday",
                        IssueStatus.DRAFT,
                        CREATED,
                        CREATED.plusSeconds(1),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        IssueCounts.NONE,
                        0,
                        false);

        Map<String, AttributeValue> item = IssueItems.toSummaryItem(draft);

        // The map the item was built in before: a default one, grown as its attributes went in.
        Map<String, AttributeValue> expected = new HashMap<>();
        expected.put("pk", AttributeValue.fromS("NL#daily-briefing"));
        expected.put("sk", AttributeValue.fromS("ISSUE#20261201t065500z-abc123"));
        expected.put("newsletter", AttributeValue.fromS("daily-briefing"));
        expected.put("newsletterName", AttributeValue.fromS("The Daily Briefing"));
        expected.put("issueId", AttributeValue.fromS("20261201t065500z-abc123"));
        expected.put("subject", AttributeValue.fromS("Tuesday"));
        expected.put("status", AttributeValue.fromS("draft"));
        expected.put("createdAt", AttributeValue.fromS("2026-12-01T06:55:00Z"));
        expected.put("updatedAt", AttributeValue.fromS("2026-12-01T06:55:01Z"));
        for (String count :
                List.of("recipients", "sent", "failed", "suppressed", "skipped", "pagesDone")) {
            expected.put(count, AttributeValue.fromN("0"));
        }
        expected.put("dispatched", AttributeValue.fromBool(false));
        assertEquals(expected, item);
        // The request's JSON lists the attributes in the map's order: it stays as it was.
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(item.keySet()));
        assertEquals(IssueStatus.DRAFT, IssueItems.toIssue(item).status());
        assertEquals(draft, IssueItems.toIssue(item));
    }

    @Test
    void toContentItem_shouldHoldTheKeyAndTheFourTexts() {
        Map<String, AttributeValue> item =
                IssueItems.toContentItem(
                        "daily-briefing",
                        "20261201t065500z-abc123",
                        new IssueContent("Tuesday", "Roadworks", "<p>Hi</p>", "Hi"));

        assertEquals(
                Map.of(
                        "pk", AttributeValue.fromS("NL#daily-briefing"),
                        "sk", AttributeValue.fromS("CONTENT#20261201t065500z-abc123"),
                        "subject", AttributeValue.fromS("Tuesday"),
                        "preheader", AttributeValue.fromS("Roadworks"),
                        "html", AttributeValue.fromS("<p>Hi</p>"),
                        "text", AttributeValue.fromS("Hi")),
                item);
    }
}

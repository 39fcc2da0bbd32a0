package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.core.time.Timestamps;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueCounts;
import org.newsroom.issues.IssuePage;
import org.newsroom.issues.IssueStatus;

/**
 * The issues API's answers, assembled by hand, against the trees of the same fields they were
 * written from before: byte for byte, over issues with every status, present and absent times,
 * large counts and texts that need escaping.
 */
class TreeIssueJsonTest {

    private static final String[] TEXTS = {
        "Tuesday",
        "",
        "Quotes \" and \\ backslashes",
        "Tabs\tnew\nlines\r\f\b and \u0001\u001f controls",
        "Caf\u00e9 \u2014 \u00fcber \u4e2d\u6587 \ud83d\udcf0 \u2028\u2029",
        "half \ud83d pair",
        "</script><!-- & < > ' =",
        "\u007f\u0080\u009f\u00a0"
    };

    private final LinkBase configured = new LinkBase(Optional.of("https://api.example.org/"));
    private final LinkBase fromRequest = new LinkBase(Optional.empty());
    private final HttpRequest request = TestRequests.onHost("abc.execute-api.example.com");

    @Test
    void everyAnswer_shouldBeTheBytesTheTreeWrote_forVariedIssues() {
        Random random = new Random(11);
        for (int n = 0; n < 300; n++) {
            Issue issue = issue(random);
            LinkBase links = random.nextBoolean() ? configured : fromRequest;
            IssueJson json = new IssueJson(links);
            String base = links.of(request);

            assertEquals(summary(issue, base).toString(), json.created(issue, request).body());
            assertEquals(summary(issue, base).toString(), json.issue(issue, request).body());

            IssueContent content =
                    new IssueContent(issue.subject(), text(random), text(random), text(random));
            ObjectNode full = summary(issue, base);
            full.put("preheader", content.preheader());
            full.put("html", content.html());
            full.put("text", content.text());
            assertEquals(full.toString(), json.issue(issue, content, request).body());

            List<Issue> issues = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                issues.add(issue(random));
            }
            Optional<String> next =
                    random.nextBoolean() ? Optional.empty() : Optional.of(text(random));
            assertEquals(
                    page(issues, next, base),
                    json.page(new IssuePage(issues, next), request).body());
        }
    }

    @Test
    void created_shouldKeepItsStatusAndHeaders() {
        Issue draft = TestIssues.issue(IssueStatus.DRAFT, Optional.empty());

        HttpResponse response = new IssueJson(configured).created(draft, request);

        assertEquals(201, response.status());
        assertEquals(HttpResponse.JSON, response.header("Content-Type"));
        assertEquals(
                "/newsletters/daily-briefing/issues/" + TestIssues.ISSUE_ID,
                response.header("Location"));
    }

    private static Issue issue(Random random) {
        IssueStatus[] statuses = IssueStatus.values();
        Instant created = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1 << 28));
        Instant updated = created.plusNanos(random.nextInt(3) * 123_456_789L);
        return new Issue(
                text(random),
                text(random) + "-id",
                text(random),
                text(random),
                statuses[random.nextInt(statuses.length)],
                created,
                updated,
                time(random, created),
                time(random, created),
                time(random, created),
                new IssueCounts(
                        count(random), count(random), count(random), count(random), count(random)),
                random.nextInt(5),
                random.nextBoolean());
    }

    private static Optional<Instant> time(Random random, Instant from) {
        return random.nextBoolean()
                ? Optional.empty()
                : Optional.of(from.plusMillis(random.nextInt(1_000_000)));
    }

    private static long count(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000);
            default -> Long.MAX_VALUE - random.nextInt(10);
        };
    }

    private static String text(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)] + TEXTS[random.nextInt(TEXTS.length)];
    }

    /** The summary as a tree, as the answers were written before. */
    private static ObjectNode summary(Issue issue, String linkBase) {
        ObjectNode node = Json.object();
        node.put("issueId", issue.issueId());
        node.put("newsletter", issue.newsletter());
        node.put("subject", issue.subject());
        node.put("status", issue.status().code());
        node.put("createdAt", Timestamps.format(issue.createdAt()));
        node.put("updatedAt", Timestamps.format(issue.updatedAt()));
        putInstant(node, "sendAt", issue.sendAt());
        putInstant(node, "startedAt", issue.startedAt());
        putInstant(node, "finishedAt", issue.finishedAt());
        node.put("recipients", issue.counts().recipients());
        node.put("sent", issue.counts().sent());
        node.put("failed", issue.counts().failed());
        node.put("suppressed", issue.counts().suppressed());
        node.put("skipped", issue.counts().skipped());
        node.put("webUrl", IssueService.webUrl(issue, linkBase));
        return node;
    }

    private static String page(List<Issue> issues, Optional<String> next, String linkBase) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("issues");
        issues.forEach(i -> items.add(summary(i, linkBase)));
        if (next.isPresent()) {
            body.put("next", next.get());
        } else {
            body.putNull("next");
        }
        return body.toString();
    }

    private static void putInstant(ObjectNode node, String name, Optional<Instant> value) {
        if (value.isPresent()) {
            node.put(name, Timestamps.format(value.get()));
        } else {
            node.putNull(name);
        }
    }
}

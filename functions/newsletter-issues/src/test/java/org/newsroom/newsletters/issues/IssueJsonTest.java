package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.newsletters.issues.TestIssues.ISSUE_ID;
import static org.newsroom.newsletters.issues.TestIssues.NOW;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssuePage;
import org.newsroom.issues.IssueStatus;

class IssueJsonTest {

    private static final Instant LATER = Instant.parse("2026-12-02T07:00:00Z");
    private static final String WEB_URL =
            "https://api.example.org/newsletters/daily-briefing/issues/" + ISSUE_ID + "/web";

    private final IssueJson json =
            new IssueJson(new LinkBase(Optional.of("https://api.example.org/")));
    private final HttpRequest request = TestRequests.onHost("abc.execute-api.example.com");

    private static JsonNode body(HttpResponse response, int status) {
        assertEquals(status, response.status());
        assertEquals(HttpResponse.JSON, response.header("Content-Type"));
        return Json.parse(response.body());
    }

    @Test
    void created_shouldAnswer201_withTheSummaryAndItsLocation() {
        HttpResponse response =
                json.created(TestIssues.issue(IssueStatus.DRAFT, Optional.empty()), request);

        JsonNode body = body(response, 201);
        assertEquals("/newsletters/daily-briefing/issues/" + ISSUE_ID, response.header("Location"));
        assertEquals(ISSUE_ID, body.path("issueId").asText());
        assertEquals("daily-briefing", body.path("newsletter").asText());
        assertEquals("Tuesday", body.path("subject").asText());
        assertEquals("draft", body.path("status").asText());
        assertEquals(NOW.toString(), body.path("createdAt").asText());
        assertEquals(NOW.toString(), body.path("updatedAt").asText());
        assertEquals(WEB_URL, body.path("webUrl").asText());
        assertEquals(5, body.path("recipients").asLong());
        assertEquals(3, body.path("sent").asLong());
        assertEquals(1, body.path("failed").asLong());
        assertEquals(1, body.path("suppressed").asLong());
        assertEquals(0, body.path("skipped").asLong());
    }

    @Test
    void issue_shouldShowAbsentTimesAsNull_andPresentOnesAsIso() {
        JsonNode body =
                body(
                        json.issue(
                                TestIssues.issue(IssueStatus.SCHEDULED, Optional.of(LATER)),
                                request),
                        200);

        assertEquals(LATER.toString(), body.path("sendAt").asText());
        assertTrue(body.has("startedAt") && body.get("startedAt").isNull());
        assertTrue(body.has("finishedAt") && body.get("finishedAt").isNull());
        assertFalse(body.has("html"));
    }

    @Test
    void issue_shouldAddTheContent_whenGiven() {
        JsonNode body =
                body(
                        json.issue(
                                TestIssues.issue(IssueStatus.DRAFT, Optional.empty()),
                                new IssueContent("Tuesday", "Roadworks", "<p>Hi</p>", "Hi"),
                                request),
                        200);

        assertEquals("Roadworks", body.path("preheader").asText());
        assertEquals("<p>Hi</p>", body.path("html").asText());
        assertEquals("Hi", body.path("text").asText());
        assertEquals("Tuesday", body.path("subject").asText());
    }

    @Test
    void page_shouldListSummaries_andGiveNextOrNull() {
        Issue issue = TestIssues.issue(IssueStatus.SENT, Optional.empty());

        JsonNode more =
                body(
                        json.page(
                                new IssuePage(List.of(issue, issue), Optional.of("abc")), request),
                        200);
        JsonNode last = body(json.page(new IssuePage(List.of(), Optional.empty()), request), 200);

        assertEquals(2, more.path("issues").size());
        assertEquals(WEB_URL, more.path("issues").get(0).path("webUrl").asText());
        assertEquals("abc", more.path("next").asText());
        assertEquals(0, last.path("issues").size());
        assertTrue(last.has("next") && last.get("next").isNull());
    }

    @Test
    void testQueued_shouldAnswer202_withAMessageAnEditorCanRead() {
        JsonNode body =
                body(
                        IssueJson.testQueued(TestIssues.issue(IssueStatus.DRAFT, Optional.empty())),
                        202);

        assertEquals(ISSUE_ID, body.path("issueId").asText());
        assertEquals("queued", body.path("status").asText());
        assertTrue(body.path("message").asText().startsWith("The test copy is on its way"));
    }

    @Test
    void sendAccepted_shouldAnswer202_withTheStatus_andSendAtOnlyWhenScheduled() {
        JsonNode now =
                body(
                        IssueJson.sendAccepted(
                                TestIssues.issue(IssueStatus.SENDING, Optional.empty())),
                        202);
        JsonNode later =
                body(
                        IssueJson.sendAccepted(
                                TestIssues.issue(IssueStatus.SCHEDULED, Optional.of(LATER))),
                        202);

        assertEquals("sending", now.path("status").asText());
        assertFalse(now.has("sendAt"));
        assertEquals("scheduled", later.path("status").asText());
        assertEquals(LATER.toString(), later.path("sendAt").asText());
    }
}

package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueCounts;
import org.newsroom.issues.IssueNotEditableException;
import org.newsroom.issues.IssueRepository;
import org.newsroom.issues.IssueStatus;
import org.newsroom.issues.SendJob;
import org.newsroom.issues.SendQueue;
import org.newsroom.issues.SendQueueException;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.NewsletterCatalogue;

class NewsletterIssuesHandlerTest {

    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();

    private static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");
    private static final String ISSUE_ID = "20261201t065500z-abc123";

    private IssueRepository repository;
    private SendQueue queue;
    private NewsletterIssuesHandler handler;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        repository = mock(IssueRepository.class);
        queue = mock(SendQueue.class);
        NewsletterCatalogue catalogue =
                () ->
                        List.of(
                                new Newsletter(
                                        "daily-briefing",
                                        "The Daily Briefing",
                                        "",
                                        "daily",
                                        true,
                                        1));
        IssueService service = new IssueService(repository, queue);
        handler =
                new NewsletterIssuesHandler(
                        service,
                        catalogue,
                        Optional.of("https://api.example.org/"),
                        "The Ledger",
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        new Log(
                                "newsletter-issues",
                                new PrintStream(logged, true, StandardCharsets.UTF_8)),
                        new Metrics(
                                "newsletter-issues",
                                new PrintStream(metricLines, true, StandardCharsets.UTF_8),
                                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static APIGatewayV2HTTPEvent event(
            String routeKey, Map<String, String> path, String contentType, String body) {
        APIGatewayV2HTTPEvent event =
                EventLoader.loadApiGatewayHttpEvent(
                        "../../events/newsletter-issues/create-issue.json");
        event.setRouteKey(routeKey);
        event.getRequestContext().setRouteKey(routeKey);
        event.getRequestContext().getHttp().setMethod(routeKey.substring(0, routeKey.indexOf(' ')));
        event.setPathParameters(path);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (contentType == null) {
            headers.remove("content-type");
        } else {
            headers.put("content-type", contentType);
        }
        event.setHeaders(headers);
        event.setBody(body);
        return event;
    }

    private HttpResponse create(String body) {
        return handler.respond(
                event(
                        "POST /newsletters/{id}/issues",
                        Map.of("id", "daily-briefing"),
                        "application/json",
                        body));
    }

    private HttpResponse onIssue(String route, String body) {
        return handler.respond(
                event(
                        route,
                        Map.of("id", "daily-briefing", "issueId", ISSUE_ID),
                        "application/json",
                        body));
    }

    private static Issue issue(IssueStatus status, long pagesDone) {
        return new Issue(
                "daily-briefing",
                ISSUE_ID,
                "The Daily Briefing",
                "Tuesday",
                status,
                NOW,
                NOW,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                IssueCounts.NONE,
                pagesDone,
                false);
    }

    private static JsonNode json(HttpResponse response) {
        return Json.parse(response.body());
    }

    private static void assertProblem(HttpResponse response, int status) {
        assertEquals(status, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("Content-Type"));
    }

    @Test
    void create_shouldStoreASanitisedDraft_withTextFromTheHtml() {
        APIGatewayV2HTTPEvent event =
                EventLoader.loadApiGatewayHttpEvent(
                        "../../events/newsletter-issues/create-issue.json");
        HttpResponse response = handler.respond(event);

        assertEquals(201, response.status());
        assertEquals(HttpResponse.JSON, response.header("Content-Type"));
        assertEquals("draft", json(response).path("status").asText());
        ArgumentCaptor<IssueContent> content = ArgumentCaptor.forClass(IssueContent.class);
        verify(repository).create(any(), content.capture());
        assertFalse(content.getValue().html().contains("<script"));
        assertFalse(content.getValue().html().contains("onclick"));
        assertTrue(content.getValue().text().contains("Detour map (https://example.org/detours)"));
        assertTrue(content.getValue().text().startsWith("Good morning"));
    }

    @Test
    void create_shouldAnswer400ListingEveryInvalidField_andWriteNothing() {
        HttpResponse response = create("{\"subject\":\"\",\"html\":42,\"preheader\":\"a\\nb\"}");

        assertProblem(response, 400);
        List<String> fields = errorFields(response);
        assertTrue(fields.containsAll(List.of("subject", "html", "preheader")), fields.toString());
        verifyNoInteractions(repository);
    }

    @Test
    void create_shouldAnswer413_whenTheHtmlIsTooLarge_andWriteNothing() {
        String html = "<p>" + "x".repeat(IssueInput.MAX_HTML) + "</p>";
        HttpResponse response =
                create(
                        "{\"subject\":\"Big\",\"html\":\""
                                + html
                                + "\",\"preheader\":\""
                                + "p".repeat(300)
                                + "\"}");

        assertProblem(response, 413);
        assertEquals(List.of("html", "preheader"), errorFields(response));
        verifyNoInteractions(repository);
    }

    @Test
    void create_shouldAnswer413_whenTheBodyIsTooLarge() {
        assertProblem(
                create("{\"subject\":\"" + "s".repeat(IssueInput.MAX_BODY_BYTES) + "\"}"), 413);
        verifyNoInteractions(repository);
    }

    @Test
    void create_shouldAnswer400_whenOnlyScriptsAndFormsRemain() {
        HttpResponse response =
                create(
                        "{\"subject\":\"Hi\",\"html\":\"<script>alert(1)</script><form><input></form><iframe src=x></iframe>\"}");

        assertProblem(response, 400);
        assertEquals("html", json(response).path("errors").get(0).path("field").asText());
        verifyNoInteractions(repository);
    }

    @Test
    void create_shouldAnswer415_forAFormBody_and404_forAnUnknownNewsletter() {
        assertProblem(
                handler.respond(
                        event(
                                "POST /newsletters/{id}/issues",
                                Map.of("id", "daily-briefing"),
                                "application/x-www-form-urlencoded",
                                "subject=x")),
                415);
        assertProblem(
                handler.respond(
                        event(
                                "POST /newsletters/{id}/issues",
                                Map.of("id", "no-such-letter"),
                                "application/json",
                                "{\"subject\":\"x\",\"html\":\"<p>x</p>\"}")),
                404);
        assertProblem(create("[1,2]"), 400);
        assertProblem(create("{not json"), 400);
        verifyNoInteractions(repository);
    }

    @Test
    void list_shouldAnswer400_forABadLimitOrCursor() {
        APIGatewayV2HTTPEvent badLimit =
                event("GET /newsletters/{id}/issues", Map.of("id", "daily-briefing"), null, null);
        badLimit.setQueryStringParameters(Map.of("limit", "1000"));
        assertProblem(handler.respond(badLimit), 400);
        APIGatewayV2HTTPEvent badCursor =
                event("GET /newsletters/{id}/issues", Map.of("id", "daily-briefing"), null, null);
        badCursor.setQueryStringParameters(Map.of("cursor", "bm90LWEtY3Vyc29y"));
        assertProblem(handler.respond(badCursor), 400);
        verify(repository, never()).list(any(), anyInt(), any());
    }

    @Test
    void get_shouldAnswer404_forAMalformedOrUnknownIssueId() {
        assertProblem(
                handler.respond(
                        event(
                                "GET /newsletters/{id}/issues/{issueId}",
                                Map.of("id", "daily-briefing", "issueId", "../../etc"),
                                null,
                                null)),
                404);
        when(repository.find("daily-briefing", ISSUE_ID)).thenReturn(Optional.empty());
        assertProblem(onIssue("GET /newsletters/{id}/issues/{issueId}", null), 404);
    }

    @Test
    void edit_shouldAnswer409_whenTheIssueIsSending() {
        when(repository.find("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(issue(IssueStatus.SENDING, 1)));
        when(repository.edit(eq("daily-briefing"), eq(ISSUE_ID), any(), any()))
                .thenThrow(new IssueNotEditableException(IssueStatus.SENDING));

        HttpResponse response =
                onIssue(
                        "PUT /newsletters/{id}/issues/{issueId}",
                        "{\"subject\":\"New\",\"html\":\"<p>New</p>\"}");

        assertProblem(response, 409);
        assertEquals(
                "urn:newsroom:problem:issue-not-editable", json(response).path("type").asText());
    }

    @Test
    void test_shouldAnswer400_forABadAddress_andQueueNothing() {
        when(repository.find("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(issue(IssueStatus.DRAFT, 0)));

        assertProblem(
                onIssue(
                        "POST /newsletters/{id}/issues/{issueId}/test",
                        "{\"email\":\"not-an-address\"}"),
                400);
        assertProblem(onIssue("POST /newsletters/{id}/issues/{issueId}/test", "{}"), 400);
        assertProblem(
                onIssue("POST /newsletters/{id}/issues/{issueId}/test", "[\"a@example.org\"]"),
                400);
        verify(repository, never()).requestTestCopy(any(), any(), any(), any());
        verifyNoInteractions(queue);
        assertEquals(List.of(), counted());
    }

    @Test
    void test_shouldAnswer404_forAnUnknownIssue_andQueueNothing() {
        when(repository.find("daily-briefing", ISSUE_ID)).thenReturn(Optional.empty());

        assertProblem(
                onIssue(
                        "POST /newsletters/{id}/issues/{issueId}/test",
                        "{\"email\":\"editor@example.org\"}"),
                404);
        verify(repository, never()).requestTestCopy(any(), any(), any(), any());
        verifyNoInteractions(queue);
    }

    @Test
    void test_shouldStoreTheAddress_andQueueAJobThatNamesOnlyTheRequest() {
        when(repository.find("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(issue(IssueStatus.DRAFT, 0)));

        HttpResponse response =
                onIssue(
                        "POST /newsletters/{id}/issues/{issueId}/test",
                        "{\"email\":\"Editor@Example.org\"}");

        assertEquals(202, response.status());
        assertEquals(HttpResponse.JSON, response.header("Content-Type"));
        assertEquals("queued", json(response).path("status").asText());
        ArgumentCaptor<String> copyId = ArgumentCaptor.forClass(String.class);
        verify(repository)
                .requestTestCopy(eq(ISSUE_ID), copyId.capture(), eq("editor@example.org"), eq(NOW));
        ArgumentCaptor<SendJob> job = ArgumentCaptor.forClass(SendJob.class);
        verify(queue).send(job.capture(), eq(Duration.ZERO));
        assertEquals(
                SendJob.testCopy("daily-briefing", ISSUE_ID, copyId.getValue()), job.getValue());
        assertFalse(job.getValue().toJson().contains("example.org"));
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains("example.org"));
        assertEquals(List.of("IssueTestCopiesQueued"), counted());
    }

    @Test
    void test_shouldAnswer503_whenTheQueueRefusesTheJob() {
        when(repository.find("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(issue(IssueStatus.DRAFT, 0)));
        doThrow(new SendQueueException("Could not enqueue a send job", null))
                .when(queue)
                .send(any(), any());

        HttpResponse response =
                onIssue(
                        "POST /newsletters/{id}/issues/{issueId}/test",
                        "{\"email\":\"editor@example.org\"}");

        assertProblem(response, 503);
        assertEquals("urn:newsroom:problem:unavailable", json(response).path("type").asText());
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains("editor@example.org"));
        assertEquals(List.of(), counted());
    }

    @Test
    void send_shouldAnswer400_forAPastOrGarbledSendAt_andChangeNothing() {
        when(repository.find("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(issue(IssueStatus.DRAFT, 0)));

        assertProblem(
                onIssue(
                        "POST /newsletters/{id}/issues/{issueId}/send",
                        "{\"sendAt\":\"2020-01-01T00:00:00Z\"}"),
                400);
        assertProblem(
                onIssue(
                        "POST /newsletters/{id}/issues/{issueId}/send",
                        "{\"sendAt\":\"tomorrow\"}"),
                400);
        verify(repository, never()).requestSend(any(), any(), any(), any());
        verifyNoInteractions(queue);
    }

    @Test
    void send_shouldStartOnce_andAnswerTheSameOnTheSecondCall() {
        when(repository.find("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(issue(IssueStatus.DRAFT, 0)));
        when(repository.requestSend("daily-briefing", ISSUE_ID, Optional.empty(), NOW))
                .thenReturn(issue(IssueStatus.SENDING, 0))
                .thenReturn(issue(IssueStatus.SENDING, 3));

        HttpResponse first = onIssue("POST /newsletters/{id}/issues/{issueId}/send", null);
        HttpResponse second = onIssue("POST /newsletters/{id}/issues/{issueId}/send", null);

        assertEquals(202, first.status());
        assertEquals("sending", json(first).path("status").asText());
        assertEquals(202, second.status());
        assertEquals("sending", json(second).path("status").asText());
        verify(queue).send(SendJob.start("daily-briefing", ISSUE_ID), Duration.ZERO);
    }

    @Test
    void send_shouldAnswer503_whenTheQueueRefusesTheStartJob() {
        when(repository.find("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(issue(IssueStatus.DRAFT, 0)));
        when(repository.requestSend("daily-briefing", ISSUE_ID, Optional.empty(), NOW))
                .thenReturn(issue(IssueStatus.SENDING, 0));
        doThrow(new SendQueueException("Could not enqueue a send job", null))
                .when(queue)
                .send(any(), any());

        assertProblem(onIssue("POST /newsletters/{id}/issues/{issueId}/send", null), 503);
    }

    @Test
    void web_shouldAnswer404_untilSendingStarts_thenShowNoPersonalLinks() {
        when(repository.find("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(issue(IssueStatus.DRAFT, 0)));
        assertProblem(onIssue("GET /newsletters/{id}/issues/{issueId}/web", null), 404);

        when(repository.find("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(issue(IssueStatus.SENT, 1)));
        when(repository.content("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(new IssueContent("Tuesday", "", "<p>Hi</p>", "Hi")));
        HttpResponse page = onIssue("GET /newsletters/{id}/issues/{issueId}/web", null);

        assertEquals(200, page.status());
        assertEquals(HttpResponse.HTML, page.header("Content-Type"));
        assertFalse(page.body().contains("unsubscribe"));
        assertTrue(page.body().contains("<p>Hi</p>"));
    }

    /**
     * Each EMF line written, as "Metric" or "Metric/Reason", once its required fields check out.
     */
    private List<String> counted() {
        return metricLines
                .toString(StandardCharsets.UTF_8)
                .lines()
                .map(Json::parse)
                .map(
                        line -> {
                            JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
                            assertTrue(line.get("_aws").get("Timestamp").isIntegralNumber());
                            assertEquals("Newsroom", directive.get("Namespace").asText());
                            assertEquals("newsletter-issues", line.get("Function").asText());
                            String name = directive.get("Metrics").get(0).get("Name").asText();
                            assertEquals(1, line.get(name).asInt());
                            return line.has("Reason")
                                    ? name + "/" + line.get("Reason").asText()
                                    : name;
                        })
                .toList();
    }

    private static List<String> errorFields(HttpResponse response) {
        List<String> fields = new java.util.ArrayList<>();
        json(response).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}

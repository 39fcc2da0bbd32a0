package org.newsroom.articles.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleRepository;
import org.newsroom.articles.ArticleStoreException;
import org.newsroom.articles.ListingPage;
import org.newsroom.articles.Precondition;
import org.newsroom.articles.PreconditionFailedException;
import org.newsroom.articles.SavedArticle;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.store.ConcurrentChangeException;

class ArticlesAdminHandlerTest {

    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();

    private static final String EVENTS = "../../events/articles-admin/";
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    /** When a saved article's summary last changed: settled long ago. */
    private static final Instant CHANGED = Instant.parse("2026-11-20T09:00:00Z");

    private ArticleRepository repository;
    private ArticlesAdminHandler handler;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        repository = mock(ArticleRepository.class);
        when(repository.list(any(), any(), anyInt(), any()))
                .thenReturn(new ListingPage(List.of(), Optional.empty()));
        handler =
                new ArticlesAdminHandler(
                        repository,
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        new Log(
                                "articles-admin",
                                new PrintStream(logged, true, StandardCharsets.UTF_8)),
                        new Metrics(
                                "articles-admin",
                                new PrintStream(metricLines, true, StandardCharsets.UTF_8),
                                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent(EVENTS + file);
    }

    /** The valid PUT event with some of its body's fields replaced. */
    private static APIGatewayV2HTTPEvent putWith(Map<String, Object> changes) {
        APIGatewayV2HTTPEvent event = event("put-article.json");
        ObjectNode body = (ObjectNode) Json.parse(event.getBody());
        changes.forEach((name, value) -> body.set(name, Json.toNode(value)));
        event.setBody(body.toString());
        return event;
    }

    private static JsonNode json(HttpResponse response) {
        return Json.parse(response.body());
    }

    private static void assertProblem(HttpResponse response, int status, String type) {
        assertEquals(status, response.status(), response.body());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        assertEquals("urn:newsroom:problem:" + type, json(response).get("type").asText());
        assertEquals(status, json(response).get("status").asInt());
    }

    private static Set<String> errorFields(HttpResponse response) {
        Set<String> fields = new HashSet<>();
        json(response).path("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    private Article saved() {
        ArgumentCaptor<Article> captor = ArgumentCaptor.forClass(Article.class);
        verify(repository).save(captor.capture(), any(), any());
        return captor.getValue();
    }

    // ---- PUT ----

    @Test
    void put_shouldAnswer201WithLocation_whenArticleIsNew() {
        // GIVEN
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));
        // WHEN
        HttpResponse response = handler.respond(event("put-article.json"));
        // THEN
        assertEquals(201, response.status(), response.body());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals("/articles/harbour-bridge-repairs", response.header("location"));
        assertEquals("no-store", response.header("cache-control"));
        JsonNode body = json(response);
        assertEquals("harbour-bridge-repairs", body.get("slug").asText());
        assertTrue(body.get("published").asBoolean());
        assertEquals("2026-11-26T07:00:00Z", body.get("publishedAt").asText());
        assertEquals("/articles/harbour-bridge-repairs", body.get("url").asText());
        assertEquals(List.of("ArticlesPublished"), counted());
    }

    @Test
    void put_shouldAnswerThePublishTimeAsInstantWritesIt_withAFractionOfASecond() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));
        for (String published :
                List.of(
                        "2026-11-26T07:00:00.250Z",
                        "2026-11-26T07:00:00.000250Z",
                        "2026-11-26T07:00:00.000000250Z",
                        "2026-11-26T07:00:00.1Z",
                        "1900-01-01T00:00:00Z")) {
            HttpResponse response = handler.respond(putWith(Map.of("publishedAt", published)));

            assertEquals(201, response.status(), response.body());
            assertEquals(
                    Instant.parse(published).toString(),
                    json(response).get("publishedAt").asText(),
                    published);
        }
    }

    @Test
    void put_shouldAnswer200_whenArticleIsReplaced() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(false, 2, true, CHANGED));
        HttpResponse response = handler.respond(event("put-article.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals("/articles/harbour-bridge-repairs", response.header("location"));
        assertEquals(List.of(), counted(), "an edit is not a new article");
    }

    @Test
    void put_shouldStoreTheArticleAsSent() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));
        handler.respond(event("put-article.json"));
        Article article = saved();
        assertEquals("harbour-bridge-repairs", article.slug());
        assertEquals("Harbour bridge repairs start next week", article.headline());
        assertEquals(List.of("Ana Reyes"), article.authors());
        assertEquals("city", article.section());
        assertEquals(List.of("transport", "council"), article.tags());
        assertEquals(Instant.parse("2026-11-26T07:00:00Z"), article.publishedAt());
        assertEquals(NOW, article.updatedAt());
        assertTrue(article.featured());
        assertTrue(article.published());
        assertEquals(List.of("council-budget-vote"), article.related());
        assertEquals(Optional.empty(), article.audio());
        assertEquals(1, article.readingTimeMinutes());
        assertTrue(article.body().contains("rel=\"noopener noreferrer\""), article.body());
    }

    @Test
    void put_shouldNormaliseTagsAndKeepAudio() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));
        handler.respond(
                putWith(
                        Map.of(
                                "tags",
                                List.of(" Transport ", "transport", "council"),
                                "audio",
                                Map.of(
                                        "url",
                                        "https://cdn.news.example/a.mp3",
                                        "aiNarrated",
                                        true))));
        Article article = saved();
        assertEquals(List.of("transport", "council"), article.tags());
        assertEquals("https://cdn.news.example/a.mp3", article.audio().orElseThrow().url());
        assertTrue(article.audio().orElseThrow().aiNarrated());
    }

    @Test
    void put_shouldReportEveryBadField_forInvalidEvent_andNotWrite() {
        HttpResponse response = handler.respond(event("put-article-invalid.json"));
        assertProblem(response, 400, "validation");
        assertEquals(
                Set.of("slug", "headline", "authors", "section", "tags", "publishedAt"),
                errorFields(response));
        json(response).get("errors").forEach(e -> assertFalse(e.get("message").asText().isBlank()));
        verifyNoInteractions(repository);
    }

    @Test
    void put_shouldReportMissingRequiredFields() {
        APIGatewayV2HTTPEvent event = event("put-article.json");
        event.setBody("{}");
        HttpResponse response = handler.respond(event);
        assertProblem(response, 400, "validation");
        assertEquals(
                Set.of("headline", "summary", "body", "authors", "section"), errorFields(response));
        verifyNoInteractions(repository);
    }

    @Test
    void put_shouldReject_fieldsOfTheWrongTypeOrSize() {
        HttpResponse response =
                handler.respond(
                        putWith(
                                Map.of(
                                        "headline", "x".repeat(201),
                                        "featured", "yes",
                                        "related", List.of("harbour-bridge-repairs"),
                                        "audio",
                                                Map.of(
                                                        "url",
                                                        "http://insecure.example/a.mp3",
                                                        "aiNarrated",
                                                        true))));
        assertProblem(response, 400, "validation");
        assertEquals(Set.of("headline", "featured", "related", "audio.url"), errorFields(response));
        verifyNoInteractions(repository);
    }

    @Test
    void put_shouldReject_unknownField() {
        HttpResponse response = handler.respond(putWith(Map.of("author", "Ana")));
        assertProblem(response, 400, "validation");
        assertEquals(Set.of("author"), errorFields(response));
        verifyNoInteractions(repository);
    }

    @Test
    void put_shouldReject_bodyThatIsNotAnObject() {
        APIGatewayV2HTTPEvent event = event("put-article.json");
        event.setBody("[1,2,3]");
        HttpResponse response = handler.respond(event);
        assertProblem(response, 400, "validation");
        verifyNoInteractions(repository);
    }

    @Test
    void put_shouldAnswer400MalformedJson_forMalformedEvent() {
        HttpResponse response = handler.respond(event("put-article-malformed-json.json"));
        assertProblem(response, 400, "malformed-json");
        verifyNoInteractions(repository);
    }

    @Test
    void put_shouldAnswer415_whenNotJson() {
        APIGatewayV2HTTPEvent event = event("put-article.json");
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("content-type", "text/plain");
        event.setHeaders(headers);
        assertProblem(handler.respond(event), 415, "unsupported-media-type");
        headers.remove("content-type");
        event.setHeaders(headers);
        assertProblem(handler.respond(event), 415, "unsupported-media-type");
        verifyNoInteractions(repository);
    }

    @Test
    void put_shouldAcceptJsonWithCharset() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));
        APIGatewayV2HTTPEvent event = event("put-article.json");
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("content-type", "application/json; charset=utf-8");
        event.setHeaders(headers);
        assertEquals(201, handler.respond(event).status());
    }

    @Test
    void put_shouldAnswer413_forAOneMegabyteBody() {
        APIGatewayV2HTTPEvent event =
                putWith(Map.of("body", "<p>" + "a".repeat(1024 * 1024) + "</p>"));
        HttpResponse response = handler.respond(event);
        assertProblem(response, 413, "payload-too-large");
        verifyNoInteractions(repository);
    }

    @Test
    void put_shouldSanitiseTheBodyBeforeStoringIt() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));
        HttpResponse response =
                handler.respond(
                        putWith(
                                Map.of(
                                        "body",
                                        "<p onclick=\"x()\">Hi</p><script>alert(1)</script><iframe src=\"https://evil.example\"></iframe>"
                                                + "<a href=\"javascript:alert(1)\">bad</a><h3 style=\"color:red\">Head</h3><ul><li>item</li></ul>")));
        assertEquals(201, response.status());
        String stored = saved().body();
        assertFalse(stored.contains("script"), stored);
        assertFalse(stored.contains("iframe"), stored);
        assertFalse(stored.contains("onclick"), stored);
        assertFalse(stored.contains("javascript"), stored);
        assertFalse(stored.contains("style"), stored);
        assertTrue(stored.contains("<p>Hi</p>"), stored);
        assertTrue(stored.contains("<h3>Head</h3>"), stored);
        assertTrue(stored.contains("<ul><li>item</li></ul>"), stored);
        assertEquals(stored, json(response).get("body").asText());
    }

    @Test
    void put_shouldComputeReadingTimeFromTheVisibleText() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));
        HttpResponse response =
                handler.respond(putWith(Map.of("body", "<p>" + "word ".repeat(461) + "</p>")));
        assertEquals(3, json(response).get("readingTimeMinutes").asInt());
        assertEquals(3, saved().readingTimeMinutes());
    }

    @Test
    void put_shouldAnswerPublishedFalse_whenPublishedAtIsInTheFuture() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));
        HttpResponse response =
                handler.respond(putWith(Map.of("publishedAt", "2026-12-01T06:00:00Z")));
        assertEquals(201, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertFalse(json(response).get("published").asBoolean());
        assertEquals("2026-12-01T06:00:00Z", json(response).get("publishedAt").asText());
        assertTrue(saved().published(), "scheduled, not withdrawn");
    }

    @Test
    void put_shouldPublishNow_whenPublishedAtIsLeftOut() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));
        APIGatewayV2HTTPEvent event = event("put-article.json");
        ObjectNode body = (ObjectNode) Json.parse(event.getBody());
        body.remove("publishedAt");
        event.setBody(body.toString());
        HttpResponse response = handler.respond(event);
        assertTrue(json(response).get("published").asBoolean());
        assertEquals(NOW, saved().publishedAt());
    }

    @Test
    void put_shouldAnswer409_whenSomeoneElseSavedAtTheSameTime() {
        when(repository.save(any(), any(), any()))
                .thenThrow(
                        new ConcurrentChangeException(
                                "harbour-bridge-repairs", new RuntimeException()));
        assertProblem(handler.respond(event("put-article.json")), 409, "conflict");
    }

    @Test
    void put_shouldAnswerGeneric500_whenTheStoreFails() {
        when(repository.save(any(), any(), any()))
                .thenThrow(
                        new ArticleStoreException(
                                "Could not write an article", new RuntimeException("x")));
        HttpResponse response = handler.respond(event("put-article.json"));
        assertProblem(response, 500, "internal");
        assertFalse(response.body().contains("Could not write"));
    }

    @Test
    void put_shouldNotLogTheBody() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));
        handler.respond(event("put-article.json"));
        String log = logged.toString(StandardCharsets.UTF_8);
        assertEquals(2, log.strip().split("\n").length, "the change and the request");
        assertFalse(log.contains("Harbour bridge repairs start"), log);
    }

    // ---- DELETE ----

    @Test
    void delete_shouldAnswer204_whenArticleExists() {
        when(repository.unpublish("harbour-bridge-repairs", NOW, Precondition.ANY_REVISION))
                .thenReturn(OptionalLong.of(3));
        HttpResponse response = handler.respond(event("delete-article.json"));
        assertEquals(204, response.status());
        assertNull(response.body());
        assertNull(response.header("content-type"));
        verify(repository)
                .unpublish(eq("harbour-bridge-repairs"), eq(NOW), eq(Precondition.ANY_REVISION));
        assertEquals("\"r3\"", response.header("etag"));
    }

    @Test
    void delete_shouldAnswer404_whenArticleIsUnknown() {
        when(repository.unpublish("harbour-bridge-repairs", NOW, Precondition.ANY_REVISION))
                .thenReturn(OptionalLong.empty());
        assertProblem(handler.respond(event("delete-article.json")), 404, "not-found");
    }

    @Test
    void delete_shouldAnswer404WithoutTouchingTheStore_whenSlugIsInvalid() {
        APIGatewayV2HTTPEvent event = event("delete-article.json");
        event.setPathParameters(Map.of("slug", "Not_A_Slug"));
        assertProblem(handler.respond(event), 404, "not-found");
        verifyNoInteractions(repository);
    }

    // ---- If-Match and the editor's identity ----

    private static APIGatewayV2HTTPEvent ifMatch(APIGatewayV2HTTPEvent event, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("if-match", value);
        event.setHeaders(headers);
        return event;
    }

    private Precondition preconditionSaved() {
        ArgumentCaptor<Precondition> captor = ArgumentCaptor.forClass(Precondition.class);
        verify(repository).save(any(), any(), captor.capture());
        return captor.getValue();
    }

    @Test
    void put_shouldOnlyCreate_whenThereIsNoIfMatch() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));
        HttpResponse response = handler.respond(event("put-article.json"));
        assertEquals(201, response.status());
        assertEquals(Precondition.CREATE_ONLY, preconditionSaved());
        assertEquals("\"r1\"", response.header("etag"));
    }

    @Test
    void put_shouldAnswer428_whenTheArticleExistsAndThereIsNoIfMatch() {
        when(repository.save(any(), any(), any()))
                .thenThrow(
                        new PreconditionFailedException(PreconditionFailedException.Reason.EXISTS));
        HttpResponse response = handler.respond(event("put-article.json"));
        assertProblem(response, 428, "precondition-required");
        assertTrue(json(response).get("detail").asText().contains("If-Match"));
        assertEquals(List.of(), counted());
    }

    @Test
    void put_shouldReplaceTheNamedRevision_andAnswerWithTheNextOnesTag() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(false, 5, true, CHANGED));
        // The event's If-Match is the tag of revision 3 as a public read gives it.
        HttpResponse response = handler.respond(event("put-article-if-match.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals(new Precondition.OneOf(Set.of(3L)), preconditionSaved());
        assertEquals("\"r5\"", response.header("etag"));
    }

    @Test
    void put_shouldReplaceAnyRevision_forIfMatchStar() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(false, 9, true, CHANGED));
        assertEquals(200, handler.respond(ifMatch(event("put-article.json"), "*")).status());
        assertEquals(Precondition.ANY_REVISION, preconditionSaved());
    }

    @Test
    void put_shouldAnswer412_whenIfMatchIsStale() {
        when(repository.save(any(), any(), any()))
                .thenThrow(
                        new PreconditionFailedException(PreconditionFailedException.Reason.STALE));
        HttpResponse response = handler.respond(ifMatch(event("put-article.json"), "\"r3\""));
        assertProblem(response, 412, "precondition-failed");
        assertTrue(json(response).get("detail").asText().contains("changed since you read it"));
    }

    @Test
    void put_shouldAnswer412_whenReplacingAnArticleThatDoesNotExist() {
        when(repository.save(any(), any(), any()))
                .thenThrow(
                        new PreconditionFailedException(
                                PreconditionFailedException.Reason.MISSING));
        HttpResponse response = handler.respond(ifMatch(event("put-article.json"), "*"));
        assertProblem(response, 412, "precondition-failed");
        assertTrue(json(response).get("detail").asText().contains("without If-Match"));
    }

    @Test
    void put_shouldLogTheEditorsPrincipal() {
        when(repository.save(any(), any(), any()))
                .thenReturn(new SavedArticle(true, 1, false, CHANGED));
        handler.respond(event("put-article.json"));
        JsonNode change =
                logged.toString(StandardCharsets.UTF_8)
                        .lines()
                        .map(Json::parse)
                        .filter(l -> l.path("message").asText().equals("article changed"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("arn:aws:iam::123456789012:user/editor", change.get("editor").asText());
        assertEquals("created", change.get("action").asText());
        assertEquals("harbour-bridge-repairs", change.get("slug").asText());
        assertEquals(1, change.get("revision").asLong());
    }

    @Test
    void delete_shouldPassIfMatch_andAnswer412_whenStale() {
        when(repository.unpublish(any(), any(), any()))
                .thenThrow(
                        new PreconditionFailedException(PreconditionFailedException.Reason.STALE));
        HttpResponse response = handler.respond(ifMatch(event("delete-article.json"), "\"r2\""));
        assertProblem(response, 412, "precondition-failed");
        verify(repository)
                .unpublish(
                        eq("harbour-bridge-repairs"),
                        eq(NOW),
                        eq(new Precondition.OneOf(Set.of(2L))));
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
                            assertEquals("articles-admin", line.get("Function").asText());
                            String name = directive.get("Metrics").get(0).get("Name").asText();
                            assertEquals(1, line.get(name).asInt());
                            return line.has("Reason")
                                    ? name + "/" + line.get("Reason").asText()
                                    : name;
                        })
                .toList();
    }
}

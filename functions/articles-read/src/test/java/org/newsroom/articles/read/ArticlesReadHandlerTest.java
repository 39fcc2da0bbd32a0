package org.newsroom.articles.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.newsroom.articles.read.TestArticles.NOW;
import static org.newsroom.articles.read.TestArticles.article;
import static org.newsroom.articles.read.TestArticles.hoursAgo;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsroom.articles.Article;
import org.newsroom.articles.ArticleRepository;
import org.newsroom.articles.ArticleStoreException;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPosition;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.log.Log;
import org.newsroom.core.secrets.SecretSetting;

class ArticlesReadHandlerTest {

    private static final String EVENTS = "../../events/articles-read/";
    private static final String CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

    private final InMemoryArticleRepository repository = new InMemoryArticleRepository();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private ArticlesReadHandler handler;

    @BeforeEach
    void setUp() {
        handler = handlerFor(repository);
    }

    private static final CursorCodec CURSORS =
            new CursorCodec(() -> CursorCodecTest.KEY.getBytes(StandardCharsets.UTF_8));

    private ArticlesReadHandler handlerFor(ArticleRepository store) {
        return new ArticlesReadHandler(
                new ArticleReader(store),
                CURSORS,
                new ArticlesReadSettings(
                        "articles",
                        new SecretSetting("cursor-key", Duration.ofMinutes(5)),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(300)),
                Clock.fixed(NOW, ZoneOffset.UTC),
                new Log("articles-read", new PrintStream(logged, true, StandardCharsets.UTF_8)));
    }

    private static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent(EVENTS + file);
    }

    private static APIGatewayV2HTTPEvent listEvent(Map<String, String> query) {
        APIGatewayV2HTTPEvent event = event("list-feed.json");
        event.setQueryStringParameters(query.isEmpty() ? null : new LinkedHashMap<>(query));
        return event;
    }

    private static APIGatewayV2HTTPEvent withHeader(
            APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put(name, value);
        event.setHeaders(headers);
        return event;
    }

    private static JsonNode json(HttpResponse response) {
        return Json.parse(response.body());
    }

    private static void assertProblem(HttpResponse response, int status, String type) {
        assertEquals(status, response.status(), response.body());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        JsonNode body = json(response);
        assertEquals("urn:newsroom:problem:" + type, body.get("type").asText());
        assertEquals(status, body.get("status").asInt());
    }

    private static Set<String> errorFields(HttpResponse response) {
        Set<String> fields = new HashSet<>();
        json(response).path("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    private static List<String> slugs(JsonNode body) {
        List<String> slugs = new ArrayList<>();
        body.get("items").forEach(i -> slugs.add(i.get("slug").asText()));
        return slugs;
    }

    private void addHarbourBridge() {
        Article a =
                TestArticles.featured(
                        TestArticles.withAudio(
                                article(
                                        "harbour-bridge-repairs",
                                        "city",
                                        List.of("transport", "council"),
                                        hoursAgo(2))));
        repository.add(TestArticles.withRelated(a, List.of("council-budget-vote")));
        repository.add(article("council-budget-vote", "city", List.of("council"), hoursAgo(30)));
    }

    // ---- GET /articles ----

    @Test
    void list_shouldAnswerFeedShape_forListFeedEvent() {
        // GIVEN
        addHarbourBridge();
        // WHEN
        HttpResponse response = handler.respond(event("list-feed.json"));
        // THEN
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals(CACHE_CONTROL, response.header("cache-control"));
        assertTrue(response.header("etag").startsWith("\""));
        JsonNode body = json(response);
        assertTrue(body.get("nextCursor").isNull());
        assertEquals(List.of("harbour-bridge-repairs", "council-budget-vote"), slugs(body));
        JsonNode first = body.get("items").get(0);
        assertEquals(
                Set.of(
                        "slug",
                        "headline",
                        "summary",
                        "authors",
                        "section",
                        "tags",
                        "publishedAt",
                        "readingTimeMinutes",
                        "featured",
                        "hasAudio"),
                fieldNames(first));
        assertEquals("Headline of harbour-bridge-repairs", first.get("headline").asText());
        assertEquals("Ana Reyes", first.get("authors").get(0).asText());
        assertEquals("city", first.get("section").asText());
        assertEquals("transport", first.get("tags").get(0).asText());
        assertEquals(hoursAgo(2).toString(), first.get("publishedAt").asText());
        assertEquals(2, first.get("readingTimeMinutes").asInt());
        assertTrue(first.get("featured").asBoolean());
        assertTrue(first.get("hasAudio").asBoolean());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void list_shouldAnswerEmptyFeed_whenNothingIsPublished() {
        HttpResponse response = handler.respond(event("list-feed.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals(0, json(response).get("items").size());
        assertTrue(json(response).get("nextCursor").isNull());
    }

    @Test
    void list_shouldPageThroughSectionWithCursors_withoutDuplicatesOrGaps() {
        // GIVEN 12 city stories and some elsewhere; the event asks for section=city&limit=5
        for (int i = 1; i <= 12; i++) {
            repository.add(article("city-" + i, "city", List.of(), hoursAgo(i)));
        }
        repository.add(article("climate-1", "climate", List.of(), hoursAgo(1)));
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        APIGatewayV2HTTPEvent next = event("list-section-page.json");
        // WHEN
        for (int page = 0; page < 10; page++) {
            HttpResponse response = handler.respond(next);
            assertEquals(200, response.status(), response.body());
            assertEquals(HttpResponse.JSON, response.header("content-type"));
            JsonNode body = json(response);
            seen.addAll(slugs(body));
            sizes.add(body.get("items").size());
            if (body.get("nextCursor").isNull()) {
                break;
            }
            next = event("list-section-page.json");
            Map<String, String> query = new LinkedHashMap<>(next.getQueryStringParameters());
            query.put("cursor", body.get("nextCursor").asText());
            next.setQueryStringParameters(query);
        }
        // THEN
        assertEquals(List.of(5, 5, 2), sizes);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            expected.add("city-" + i);
        }
        assertEquals(expected, seen);
    }

    @Test
    void list_shouldShowOnlyEditorsPicks_forFeaturedEvent() {
        repository.add(TestArticles.featured(article("pick", "city", List.of(), hoursAgo(3))));
        repository.add(article("not-a-pick", "city", List.of(), hoursAgo(1)));
        HttpResponse response = handler.respond(event("list-featured.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals(List.of("pick"), slugs(json(response)));
    }

    @Test
    void list_shouldFilterByTag() {
        repository.add(article("tagged", "city", List.of("transport"), hoursAgo(3)));
        repository.add(article("untagged", "city", List.of("council"), hoursAgo(1)));
        HttpResponse response = handler.respond(listEvent(Map.of("tag", "transport")));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals(List.of("tagged"), slugs(json(response)));
    }

    @Test
    void list_shouldHideScheduledAndUnpublished() {
        repository.add(article("scheduled", "city", List.of(), NOW.plusSeconds(60)));
        repository.add(
                TestArticles.unpublished(article("withdrawn", "city", List.of(), hoursAgo(1))));
        repository.add(article("visible", "city", List.of(), hoursAgo(2)));
        HttpResponse response = handler.respond(event("list-feed.json"));
        assertEquals(List.of("visible"), slugs(json(response)));
    }

    @Test
    void list_shouldReject_badLimitEvent() {
        HttpResponse response = handler.respond(event("list-bad-limit.json"));
        assertProblem(response, 400, "validation");
        assertEquals(Set.of("limit"), errorFields(response));
        assertEquals(0, repository.listCalls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1000", "abc", "-1", "1.5", "51", ""})
    void list_shouldRejectLimit_whenNotAWholeNumberFrom1To50(String limit) {
        HttpResponse response = handler.respond(listEvent(Map.of("limit", limit)));
        assertProblem(response, 400, "validation");
        assertEquals(Set.of("limit"), errorFields(response));
        assertEquals(0, repository.listCalls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "50"})
    void list_shouldAcceptLimit_atTheBounds(String limit) {
        HttpResponse response = handler.respond(listEvent(Map.of("limit", limit)));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
    }

    @Test
    void list_shouldReject_forgedCursorEvent_withoutQueryingTheStore() {
        // The event's cursor is well formed for the city section, but its tag was not made with our
        // key.
        ArticleRepository store = mock(ArticleRepository.class);
        HttpResponse response = handlerFor(store).respond(event("list-forged-cursor.json"));
        assertProblem(response, 400, "validation");
        assertEquals(Set.of("cursor"), errorFields(response));
        verifyNoInteractions(store);
    }

    @Test
    void list_shouldReject_cursorSignedWithAnotherKey_withoutQueryingTheStore() {
        ArticleRepository store = mock(ArticleRepository.class);
        String forged =
                new CursorCodec(() -> "another-key-of-at-least-thirty-two-bytes".getBytes())
                        .encode(new ListingPosition(Listing.ALL, hoursAgo(3), "some-story"));
        HttpResponse response = handlerFor(store).respond(listEvent(Map.of("cursor", forged)));
        assertProblem(response, 400, "validation");
        assertEquals(Set.of("cursor"), errorFields(response));
        verifyNoInteractions(store);
    }

    @Test
    void list_shouldReject_whenCursorComesFromAnotherListing() {
        ArticleRepository store = mock(ArticleRepository.class);
        String feedCursor =
                CURSORS.encode(new ListingPosition(Listing.ALL, hoursAgo(3), "some-story"));
        HttpResponse response =
                handlerFor(store)
                        .respond(listEvent(Map.of("tag", "transport", "cursor", feedCursor)));
        assertProblem(response, 400, "validation");
        verifyNoInteractions(store);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!!", "YWJj", "%00", "Zm9v-_", "c1"})
    void list_shouldReject_garbledCursor_withoutQueryingTheStore(String cursor) {
        ArticleRepository store = mock(ArticleRepository.class);
        HttpResponse response = handlerFor(store).respond(listEvent(Map.of("cursor", cursor)));
        assertProblem(response, 400, "validation");
        assertEquals(Set.of("cursor"), errorFields(response));
        verifyNoInteractions(store);
    }

    @Test
    void list_shouldReject_cursorWithAFutureTime() {
        ArticleRepository store = mock(ArticleRepository.class);
        String cursor =
                CURSORS.encode(
                        new ListingPosition(Listing.ALL, NOW.plusSeconds(86_400), "from-tomorrow"));
        HttpResponse response = handlerFor(store).respond(listEvent(Map.of("cursor", cursor)));
        assertProblem(response, 400, "validation");
        verifyNoInteractions(store);
    }

    @Test
    void list_shouldReject_twoFiltersAtOnce() {
        for (Map<String, String> query :
                List.of(
                        Map.of("section", "city", "tag", "transport"),
                        Map.of("section", "city", "featured", "true"),
                        Map.of("tag", "transport", "featured", "true"))) {
            HttpResponse response = handler.respond(listEvent(query));
            assertProblem(response, 400, "validation");
        }
        assertEquals(0, repository.listCalls);
    }

    @Test
    void list_shouldReject_invalidFilterValues() {
        assertEquals(
                Set.of("section"),
                errorFields(handler.respond(listEvent(Map.of("section", "City News")))));
        assertEquals(
                Set.of("tag"), errorFields(handler.respond(listEvent(Map.of("tag", "<script>")))));
        assertEquals(
                Set.of("featured"),
                errorFields(handler.respond(listEvent(Map.of("featured", "yes")))));
        assertEquals(0, repository.listCalls);
    }

    @Test
    void list_shouldAnswer304WithoutBody_whenIfNoneMatchMatches() {
        addHarbourBridge();
        HttpResponse first = handler.respond(event("list-feed.json"));
        String etag = first.header("etag");

        HttpResponse second =
                handler.respond(withHeader(event("list-feed.json"), "if-none-match", etag));

        assertEquals(304, second.status());
        assertNull(second.body());
        assertNull(second.header("content-type"));
        assertEquals(etag, second.header("etag"));
        assertEquals(CACHE_CONTROL, second.header("cache-control"));
    }

    @Test
    void list_shouldAnswer500WithoutDetails_whenStoreFails() {
        ArticleRepository store = mock(ArticleRepository.class);
        when(store.list(any(), any(), org.mockito.ArgumentMatchers.anyInt(), any()))
                .thenThrow(
                        new ArticleStoreException(
                                "Could not query a listing", new RuntimeException("table xyz")));
        HttpResponse response = handlerFor(store).respond(event("list-feed.json"));
        assertProblem(response, 500, "internal");
        assertFalse(response.body().contains("xyz"));
        assertFalse(response.body().contains("Could not query"));
    }

    // ---- GET /articles/{slug} ----

    @Test
    void read_shouldAnswerArticleShape_forGetArticleEvent() {
        addHarbourBridge();
        HttpResponse response = handler.respond(event("get-article.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals(CACHE_CONTROL, response.header("cache-control"));
        assertTrue(response.header("etag") != null);
        JsonNode body = json(response);
        assertEquals(
                Set.of(
                        "slug",
                        "headline",
                        "summary",
                        "body",
                        "authors",
                        "section",
                        "tags",
                        "publishedAt",
                        "updatedAt",
                        "readingTimeMinutes",
                        "audio",
                        "featured",
                        "related"),
                fieldNames(body));
        assertEquals("harbour-bridge-repairs", body.get("slug").asText());
        assertEquals("<p>Body of harbour-bridge-repairs</p>", body.get("body").asText());
        assertEquals(
                "https://cdn.news.example/audio/harbour-bridge-repairs.mp3",
                body.get("audio").get("url").asText());
        assertTrue(body.get("audio").get("aiNarrated").asBoolean());
        assertEquals(hoursAgo(2).toString(), body.get("updatedAt").asText());
        assertEquals(1, body.get("related").size());
        assertEquals("council-budget-vote", body.get("related").get(0).get("slug").asText());
        assertEquals(10, body.get("related").get(0).size(), "related entries are summaries");
    }

    @Test
    void read_shouldGiveNullAudio_whenArticleHasNone() {
        repository.add(article("harbour-bridge-repairs", "city", List.of(), hoursAgo(2)));
        JsonNode body = json(handler.respond(event("get-article.json")));
        assertTrue(body.get("audio").isNull());
        assertEquals(0, body.get("related").size());
    }

    @Test
    void read_shouldAnswer404_forUnknownSlugEvent() {
        addHarbourBridge();
        assertProblem(handler.respond(event("get-article-unknown.json")), 404, "not-found");
    }

    @Test
    void read_shouldAnswer404_whenUnpublished() {
        repository.add(
                TestArticles.unpublished(
                        article("harbour-bridge-repairs", "city", List.of(), hoursAgo(2))));
        assertProblem(handler.respond(event("get-article.json")), 404, "not-found");
    }

    @Test
    void read_shouldAnswer404_whenScheduledForLater() {
        repository.add(article("harbour-bridge-repairs", "city", List.of(), NOW.plusSeconds(1)));
        assertProblem(handler.respond(event("get-article.json")), 404, "not-found");
    }

    @Test
    void read_shouldAnswer404WithoutReadingTheStore_whenSlugIsNotASlug() {
        APIGatewayV2HTTPEvent event = event("get-article.json");
        event.setPathParameters(Map.of("slug", "..%2Fetc"));
        assertProblem(handler.respond(event), 404, "not-found");
        assertEquals(0, repository.findCalls);
    }

    @Test
    void read_shouldAnswer304WithoutBody_whenIfNoneMatchMatches() {
        addHarbourBridge();
        String etag = handler.respond(event("get-article.json")).header("etag");

        HttpResponse response =
                handler.respond(withHeader(event("get-article.json"), "If-None-Match", etag));

        assertEquals(304, response.status());
        assertNull(response.body());
        assertNull(response.header("content-type"));
        assertEquals(etag, response.header("etag"));
        assertEquals(CACHE_CONTROL, response.header("cache-control"));
    }

    @Test
    void read_shouldTagTheArticleWithItsRevision_soEditorsCanSendItInIfMatch() {
        addHarbourBridge();
        repository.revision = 41;
        String etag = handler.respond(event("get-article.json")).header("etag");
        assertTrue(etag.startsWith("\"r41-") && etag.endsWith("\""), etag);
        assertEquals(
                new org.newsroom.articles.Precondition.OneOf(Set.of(41L)),
                org.newsroom.articles.ArticleEtags.precondition(java.util.Optional.of(etag)));
    }

    @Test
    void read_shouldAnswer200WithNewTag_whenClientHasAnOldVersion() {
        // The not-modified event carries a tag of some earlier version of the article.
        addHarbourBridge();
        HttpResponse response = handler.respond(event("get-article-not-modified.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertNotEquals(
                event("get-article-not-modified.json").getHeaders().get("if-none-match"),
                response.header("etag"));
        assertEquals(CACHE_CONTROL, response.header("cache-control"));
    }

    @Test
    void respond_shouldAnswer404_forUnknownRoute() {
        APIGatewayV2HTTPEvent event = event("list-feed.json");
        event.setRouteKey("GET /nothing");
        assertProblem(handler.respond(event), 404, "not-found");
    }

    @Test
    void respond_shouldLogOneLinePerRequest() {
        handler.respond(event("list-feed.json"));
        handler.respond(event("get-article-unknown.json"));
        String[] lines = logged.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(2, lines.length);
        assertEquals(404, Json.parse(lines[1]).get("status").asInt());
    }
}

package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;

class ArticlesApiIT {

    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROBLEM = "application/problem+json";
    private static final String ALLOWED_ORIGIN = "http://localhost:8080";
    private static final String RUN = Long.toString(System.currentTimeMillis() % 60_466_176L, 36);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** A slug, section or tag no other test (or earlier run against the same emulator) uses. */
    private static String unique(String name) {
        return "it-" + RUN + "-" + COUNTER.incrementAndGet() + "-" + name;
    }

    private static Instant hoursAgo(int hours) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(hours, ChronoUnit.HOURS);
    }

    private static ObjectNode article(
            String headline, String section, List<String> tags, Instant publishedAt) {
        ObjectNode json = Json.object();
        json.put("headline", headline);
        json.put("summary", "Summary of " + headline);
        json.put("body", "<p>Body of " + headline + ".</p>");
        json.putArray("authors").add("Ana Reyes");
        json.put("section", section);
        ArrayNode tagList = json.putArray("tags");
        tags.forEach(tagList::add);
        json.put("publishedAt", publishedAt.toString());
        return json;
    }

    private static void publish(String slug, ObjectNode json) {
        HttpResponse<String> put = LocalStackSupport.putArticle(slug, json.toString());
        assertEquals(201, put.statusCode(), put.body());
        assertEquals(JSON, contentType(put));
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("content-type").orElse("");
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(contentType(response).startsWith(PROBLEM), contentType(response));
        JsonNode body = Json.parse(response.body());
        assertEquals(status, body.get("status").asInt());
        assertTrue(body.get("type").asText().startsWith("urn:newsroom:problem:"), response.body());
    }

    private static JsonNode okJson(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(JSON, contentType(response));
        return Json.parse(response.body());
    }

    private static List<String> slugs(JsonNode page) {
        List<String> slugs = new ArrayList<>();
        page.get("items").forEach(item -> slugs.add(item.get("slug").asText()));
        return slugs;
    }

    private static HttpResponse<String> delete(String slug, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(LocalStackSupport.url("/articles/" + slug)).DELETE();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return LocalStackSupport.send(request);
    }

    /** Follows nextCursor from the first page to the last, returning every page. */
    private static List<JsonNode> allPages(String query) {
        List<JsonNode> pages = new ArrayList<>();
        JsonNode page = okJson(LocalStackSupport.get("/articles?" + query));
        pages.add(page);
        while (!page.get("nextCursor").isNull()) {
            assertTrue(pages.size() < 2_000, "pagination does not end");
            page =
                    okJson(
                            LocalStackSupport.get(
                                    "/articles?"
                                            + query
                                            + "&cursor="
                                            + page.get("nextCursor").asText()));
            pages.add(page);
        }
        return pages;
    }

    @Test
    void publishedArticle_shouldBeReadableThroughTheApi() {
        String slug = unique("smoke");
        HttpResponse<String> put =
                LocalStackSupport.putArticle(
                        slug,
                        """
                {"headline":"Smoke","summary":"s","body":"<p>Hello</p>","authors":["A"],"section":"it-smoke","tags":[]}
                """);
        assertEquals(201, put.statusCode(), put.body());
        assertEquals(JSON, contentType(put));
        assertEquals("/articles/" + slug, put.headers().firstValue("location").orElse(""));

        HttpResponse<String> get = LocalStackSupport.get("/articles/" + slug);
        JsonNode body = okJson(get);
        assertEquals("Smoke", body.get("headline").asText());
        assertEquals("<p>Hello</p>", body.get("body").asText());
        assertEquals(1, body.get("readingTimeMinutes").asInt());
        assertTrue(body.get("audio").isNull());
        assertTrue(get.headers().firstValue("etag").isPresent());
    }

    @Test
    void put_shouldAnswer200_whenReplacingAnExistingArticle() {
        String slug = unique("replace");
        String section = unique("replace-section");
        publish(slug, article("First version", section, List.of(), hoursAgo(1)));
        String read =
                LocalStackSupport.get("/articles/" + slug)
                        .headers()
                        .firstValue("etag")
                        .orElseThrow();

        HttpResponse<String> replace =
                LocalStackSupport.putArticle(
                        slug,
                        article("Second version", section, List.of(), hoursAgo(1)).toString(),
                        read);

        assertEquals(200, replace.statusCode(), replace.body());
        assertEquals(JSON, contentType(replace));
        assertEquals(
                "Second version",
                okJson(LocalStackSupport.get("/articles/" + slug)).get("headline").asText());
        assertEquals(
                List.of(slug),
                slugs(okJson(LocalStackSupport.get("/articles?section=" + section))));
    }

    @Test
    void sectionFeed_shouldPageNewestFirst_untilNextCursorIsNull() {
        // GIVEN seven articles in a section of their own, an hour apart
        String section = unique("pages");
        List<String> newestFirst = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            String slug = unique("page-story-" + i);
            publish(slug, article("Story " + i, section, List.of(), hoursAgo(i)));
            newestFirst.add(slug);
        }
        // WHEN
        List<JsonNode> pages = allPages("section=" + section + "&limit=3");
        // THEN
        assertEquals(List.of(3, 3, 1), pages.stream().map(p -> p.get("items").size()).toList());
        List<String> seen = new ArrayList<>();
        pages.forEach(p -> seen.addAll(slugs(p)));
        assertEquals(newestFirst, seen);
    }

    @Test
    void wholeFeed_shouldBeNewestFirstWithoutDuplicates_acrossPages() {
        String section = unique("feed");
        List<String> mine = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String slug = unique("feed-story-" + i);
            publish(slug, article("Feed story " + i, section, List.of(), hoursAgo(100 + i)));
            mine.add(slug);
        }

        List<JsonNode> pages = allPages("limit=3");

        List<String> seen = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (JsonNode page : pages) {
            assertTrue(page.get("items").size() <= 3);
            page.get("items")
                    .forEach(
                            item -> {
                                seen.add(item.get("slug").asText());
                                times.add(Instant.parse(item.get("publishedAt").asText()));
                            });
        }
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no article twice: " + seen);
        for (int i = 1; i < times.size(); i++) {
            assertFalse(
                    times.get(i).isAfter(times.get(i - 1)), "newest first at " + i + ": " + times);
        }
        List<String> mineInFeed = seen.stream().filter(mine::contains).toList();
        assertEquals(mine, mineInFeed);
    }

    @Test
    void filters_shouldSelectSectionTagAndEditorsPicks() {
        String section = unique("filters");
        String otherSection = unique("filters-other");
        String tag = unique("filters-tag");
        String inSection = unique("in-section");
        String tagged = unique("tagged");
        String picked = unique("picked");
        publish(inSection, article("In section", section, List.of(), hoursAgo(3)));
        publish(tagged, article("Tagged", otherSection, List.of(tag), hoursAgo(2)));
        ObjectNode pick = article("Picked", otherSection, List.of(tag), hoursAgo(1));
        pick.put("featured", true);
        publish(picked, pick);

        assertEquals(
                List.of(inSection),
                slugs(okJson(LocalStackSupport.get("/articles?section=" + section))));
        assertEquals(
                List.of(picked, tagged),
                slugs(okJson(LocalStackSupport.get("/articles?tag=" + tag))));
        List<String> featured = new ArrayList<>();
        allPages("featured=true&limit=50").forEach(p -> featured.addAll(slugs(p)));
        assertTrue(featured.contains(picked), featured.toString());
        assertFalse(featured.contains(tagged), featured.toString());
        assertFalse(featured.contains(inSection), featured.toString());
        JsonNode summary =
                okJson(LocalStackSupport.get("/articles?tag=" + tag)).get("items").get(0);
        assertTrue(summary.get("featured").asBoolean());
        assertEquals(otherSection, summary.get("section").asText());
    }

    @Test
    void scheduledArticle_shouldBeInvisibleInListsAndDetail_whilePastOneIsVisible() {
        String section = unique("schedule");
        String past = unique("past");
        String scheduled = unique("scheduled");
        publish(past, article("Past", section, List.of(), hoursAgo(1)));
        HttpResponse<String> put =
                LocalStackSupport.putArticle(
                        scheduled,
                        article(
                                        "Scheduled",
                                        section,
                                        List.of(),
                                        Instant.now().plus(1, ChronoUnit.DAYS))
                                .toString());
        assertEquals(201, put.statusCode(), put.body());
        assertEquals(JSON, contentType(put));
        assertFalse(Json.parse(put.body()).get("published").asBoolean());

        assertEquals(
                List.of(past),
                slugs(okJson(LocalStackSupport.get("/articles?section=" + section))));
        assertProblem(LocalStackSupport.get("/articles/" + scheduled), 404);
        okJson(LocalStackSupport.get("/articles/" + past));
    }

    @Test
    void delete_shouldRemoveArticleFromListsAndDetail() {
        String section = unique("unpublish");
        String tag = unique("unpublish-tag");
        String stays = unique("stays");
        String goes = unique("goes");
        publish(stays, article("Stays", section, List.of(tag), hoursAgo(2)));
        publish(goes, article("Goes", section, List.of(tag), hoursAgo(1)));
        assertEquals(
                List.of(goes, stays),
                slugs(okJson(LocalStackSupport.get("/articles?section=" + section))));

        HttpResponse<String> deleted =
                delete(goes, "Authorization", "Bearer " + LocalStackSupport.ADMIN_TOKEN);

        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals("", deleted.body());
        assertEquals(
                List.of(stays),
                slugs(okJson(LocalStackSupport.get("/articles?section=" + section))));
        assertEquals(List.of(stays), slugs(okJson(LocalStackSupport.get("/articles?tag=" + tag))));
        assertProblem(LocalStackSupport.get("/articles/" + goes), 404);
    }

    @Test
    void delete_shouldAnswer404_forUnknownArticle() {
        assertProblem(
                delete(
                        unique("never-written"),
                        "Authorization",
                        "Bearer " + LocalStackSupport.ADMIN_TOKEN),
                404);
    }

    @Test
    void related_shouldListNewestStoriesSharingATag_neverItself() {
        String section = unique("related");
        String tag = unique("related-tag");
        String main = unique("main");
        String newer = unique("newer");
        String older = unique("older");
        String unrelated = unique("unrelated");
        publish(older, article("Older", section, List.of(tag), hoursAgo(5)));
        publish(newer, article("Newer", section, List.of(tag), hoursAgo(3)));
        publish(
                unrelated,
                article("Unrelated", section, List.of(unique("elsewhere")), hoursAgo(2)));
        publish(main, article("Main", section, List.of(tag), hoursAgo(1)));

        JsonNode body = okJson(LocalStackSupport.get("/articles/" + main));

        List<String> related = new ArrayList<>();
        body.get("related").forEach(r -> related.add(r.get("slug").asText()));
        assertEquals(List.of(newer, older), related);
        assertEquals("Newer", body.get("related").get(0).get("headline").asText());
    }

    @Test
    void related_shouldPutEditorsChoicesFirst_thenStoriesSharingATag() {
        String section = unique("explicit");
        String tag = unique("explicit-tag");
        String chosen = unique("chosen");
        String sharing = unique("sharing");
        String withdrawn = unique("withdrawn");
        String main = unique("main-explicit");
        publish(chosen, article("Chosen", unique("other-section"), List.of(), hoursAgo(50)));
        publish(sharing, article("Sharing", section, List.of(tag), hoursAgo(2)));
        publish(withdrawn, article("Withdrawn", section, List.of(), hoursAgo(3)));
        assertEquals(
                204,
                delete(withdrawn, "Authorization", "Bearer " + LocalStackSupport.ADMIN_TOKEN)
                        .statusCode());
        ObjectNode json = article("Main", section, List.of(tag), hoursAgo(1));
        json.putArray("related").add(withdrawn).add(chosen);
        publish(main, json);

        JsonNode body = okJson(LocalStackSupport.get("/articles/" + main));

        List<String> related = new ArrayList<>();
        body.get("related").forEach(r -> related.add(r.get("slug").asText()));
        assertEquals(List.of(chosen, sharing), related);
    }

    @Test
    void publicReads_shouldSendCacheControlAndEtag_andAnswer304ToIfNoneMatch() {
        String slug = unique("etag");
        String section = unique("etag-section");
        publish(slug, article("Etag", section, List.of(), hoursAgo(1)));

        for (String path : List.of("/articles/" + slug, "/articles?section=" + section)) {
            HttpResponse<String> first = LocalStackSupport.get(path);
            okJson(first);
            String etag = first.headers().firstValue("etag").orElse("");
            assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);
            String cacheControl = first.headers().firstValue("cache-control").orElse("");
            assertTrue(cacheControl.startsWith("public"), cacheControl);
            assertTrue(cacheControl.contains("max-age="), cacheControl);
            assertTrue(cacheControl.contains("stale-while-revalidate="), cacheControl);

            HttpResponse<String> second = LocalStackSupport.get(path, "If-None-Match", etag);

            assertEquals(304, second.statusCode());
            assertEquals("", second.body());
            assertEquals(etag, second.headers().firstValue("etag").orElse(""));
            assertEquals(cacheControl, second.headers().firstValue("cache-control").orElse(""));
        }
    }

    @Test
    void etag_shouldChange_whenArticleIsEdited() {
        String slug = unique("edited");
        String section = unique("edited-section");
        publish(slug, article("Before", section, List.of(), hoursAgo(1)));
        HttpResponse<String> first = LocalStackSupport.get("/articles/" + slug);
        okJson(first);
        String before = first.headers().firstValue("etag").orElseThrow();

        HttpResponse<String> edit =
                LocalStackSupport.putArticle(
                        slug, article("After", section, List.of(), hoursAgo(1)).toString(), before);
        assertEquals(200, edit.statusCode());
        assertEquals(JSON, contentType(edit));

        HttpResponse<String> after =
                LocalStackSupport.get("/articles/" + slug, "If-None-Match", before);
        assertEquals("After", okJson(after).get("headline").asText());
    }

    // ---- bad input ----

    @Test
    void unknownSlug_shouldAnswer404ProblemJson() {
        assertProblem(LocalStackSupport.get("/articles/" + unique("no-such-story")), 404);
        assertProblem(LocalStackSupport.get("/articles/Not_A_Slug"), 404);
    }

    @Test
    void forgedCursor_shouldAnswer400() {
        String section = unique("forged");
        publish(unique("forged-a"), article("A", section, List.of(), hoursAgo(2)));
        publish(unique("forged-b"), article("B", section, List.of(), hoursAgo(1)));
        String genuine =
                okJson(LocalStackSupport.get("/articles?section=" + section + "&limit=1"))
                        .get("nextCursor")
                        .asText();

        // A real cursor of one listing used on another.
        assertProblem(LocalStackSupport.get("/articles?cursor=" + genuine), 400);
        // A hand-made cursor, well formed for this listing, with a tag not made with the key.
        String forged =
                Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(
                                        ("c2\nSECTION#"
                                                        + section
                                                        + "\n2026-11-26T09:00:00Z\nsome-slug")
                                                .getBytes(StandardCharsets.UTF_8))
                        + "."
                        + genuine.substring(genuine.indexOf('.') + 1);
        assertProblem(
                LocalStackSupport.get("/articles?section=" + section + "&cursor=" + forged), 400);
        // Garbage.
        assertProblem(LocalStackSupport.get("/articles?cursor=not-a-cursor"), 400);
        // The genuine cursor still works where it belongs.
        assertEquals(
                1,
                okJson(
                                LocalStackSupport.get(
                                        "/articles?section="
                                                + section
                                                + "&limit=1&cursor="
                                                + genuine))
                        .get("items")
                        .size());
    }

    @Test
    void badLimit_shouldAnswer400NamingLimit() {
        for (String limit : List.of("0", "1000", "abc")) {
            HttpResponse<String> response = LocalStackSupport.get("/articles?limit=" + limit);
            assertProblem(response, 400);
            assertEquals(
                    "limit",
                    Json.parse(response.body()).get("errors").get(0).get("field").asText(),
                    limit);
        }
    }

    @Test
    void twoFilters_shouldAnswer400() {
        assertProblem(LocalStackSupport.get("/articles?section=city&tag=transport"), 400);
    }

    @Test
    void invalidJson_shouldAnswer400AndWriteNothing() {
        String slug = unique("invalid-json");
        HttpResponse<String> response =
                LocalStackSupport.putArticle(slug, "{\"headline\": \"unterminated");
        assertProblem(response, 400);
        assertEquals(
                "urn:newsroom:problem:malformed-json",
                Json.parse(response.body()).get("type").asText());
        assertProblem(LocalStackSupport.get("/articles/" + slug), 404);
    }

    @Test
    void oneMegabyteBody_shouldAnswer413AndWriteNothing() {
        String slug = unique("huge");
        ObjectNode json = article("Huge", unique("huge-section"), List.of(), hoursAgo(1));
        json.put("body", "<p>" + "word ".repeat(210_000) + "</p>");
        HttpResponse<String> response = LocalStackSupport.putArticle(slug, json.toString());
        assertProblem(response, 413);
        assertProblem(LocalStackSupport.get("/articles/" + slug), 404);
    }

    @Test
    void bodyWithinLimitsButTooBigToStore_shouldAnswer4xxNot500() {
        // 140,000 characters pass the 200,000-character body rule and the 512 KiB request limit,
        // but at three bytes each they make an item larger than DynamoDB's 400 KB.
        String slug = unique("wide-characters");
        ObjectNode json =
                article("Wide characters", unique("wide-section"), List.of(), hoursAgo(1));
        json.put("body", "<p>" + "\u65b0".repeat(140_000) + "</p>");
        HttpResponse<String> response = LocalStackSupport.putArticle(slug, json.toString());
        assertTrue(
                response.statusCode() >= 400 && response.statusCode() < 500,
                "status " + response.statusCode());
        assertTrue(contentType(response).startsWith(PROBLEM), contentType(response));
    }

    @Test
    void missingFields_shouldAnswer400ListingEachField() {
        String slug = unique("missing");
        HttpResponse<String> response =
                LocalStackSupport.putArticle(slug, "{\"headline\":\"Only a headline\"}");
        assertProblem(response, 400);
        Set<String> fields = new HashSet<>();
        Json.parse(response.body()).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(Set.of("summary", "body", "authors", "section"), fields);
        assertProblem(LocalStackSupport.get("/articles/" + slug), 404);
    }

    @Test
    void wrongContentType_shouldAnswer415() {
        String slug = unique("text-plain");
        HttpResponse<String> response =
                LocalStackSupport.send(
                        HttpRequest.newBuilder(LocalStackSupport.url("/articles/" + slug))
                                .header("Authorization", "Bearer " + LocalStackSupport.ADMIN_TOKEN)
                                .header("Content-Type", "text/plain")
                                .PUT(
                                        HttpRequest.BodyPublishers.ofString(
                                                article("x", "x", List.of(), hoursAgo(1))
                                                        .toString())));
        assertProblem(response, 415);
    }

    @Test
    void htmlWithScripts_shouldBeStoredSanitised() {
        String slug = unique("scripts");
        ObjectNode json = article("Scripts", unique("scripts-section"), List.of(), hoursAgo(1));
        json.put(
                "body",
                "<p onclick=\"steal()\">Safe text</p><script>alert(1)</script>"
                        + "<iframe src=\"https://evil.example\"></iframe><a href=\"javascript:alert(2)\">bad link</a>"
                        + "<a href=\"https://example.org\">good link</a>");
        publish(slug, json);

        String body = okJson(LocalStackSupport.get("/articles/" + slug)).get("body").asText();

        assertFalse(body.contains("script"), body);
        assertFalse(body.contains("iframe"), body);
        assertFalse(body.contains("onclick"), body);
        assertFalse(body.contains("javascript"), body);
        assertTrue(body.contains("<p>Safe text</p>"), body);
        assertTrue(body.contains("href=\"https://example.org\""), body);
        assertTrue(body.contains("rel=\"noopener noreferrer\""), body);
    }

    // ---- authorisation ----

    @Test
    void adminRoutes_withoutToken_shouldAnswer403AndWriteNothing() {
        String slug = unique("no-token");
        String json =
                article("No token", unique("no-token-section"), List.of(), hoursAgo(1)).toString();

        HttpResponse<String> noToken =
                LocalStackSupport.send(
                        HttpRequest.newBuilder(LocalStackSupport.url("/articles/" + slug))
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(json)));
        HttpResponse<String> wrongToken =
                LocalStackSupport.send(
                        HttpRequest.newBuilder(LocalStackSupport.url("/articles/" + slug))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer not-the-token")
                                .PUT(HttpRequest.BodyPublishers.ofString(json)));

        for (HttpResponse<String> response : List.of(noToken, wrongToken)) {
            assertEquals(403, response.statusCode(), response.body());
            assertTrue(contentType(response).startsWith("application/json"), contentType(response));
        }
        assertProblem(LocalStackSupport.get("/articles/" + slug), 404);
    }

    @Test
    void delete_withoutToken_shouldAnswer403AndKeepTheArticle() {
        String slug = unique("keep");
        publish(slug, article("Keep", unique("keep-section"), List.of(), hoursAgo(1)));

        HttpResponse<String> response = delete(slug);

        assertEquals(403, response.statusCode());
        assertTrue(contentType(response).startsWith("application/json"), contentType(response));
        okJson(LocalStackSupport.get("/articles/" + slug));
    }

    // ---- CORS ----

    @Test
    void cors_shouldAllowAnAllowedOrigin() {
        HttpResponse<String> response =
                LocalStackSupport.get("/articles?limit=1", "Origin", ALLOWED_ORIGIN);
        okJson(response);
        assertEquals(
                ALLOWED_ORIGIN,
                response.headers().firstValue("access-control-allow-origin").orElse(""));
    }

    @Test
    void cors_shouldAnswerPreflightFromAnAllowedOrigin() {
        HttpResponse<String> response =
                LocalStackSupport.send(
                        HttpRequest.newBuilder(LocalStackSupport.url("/articles"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", ALLOWED_ORIGIN)
                                .header("Access-Control-Request-Method", "POST")
                                .header("Access-Control-Request-Headers", "content-type"));
        assertEquals(204, response.statusCode());
        assertEquals(
                ALLOWED_ORIGIN,
                response.headers().firstValue("access-control-allow-origin").orElse(""));
        String methods = response.headers().firstValue("access-control-allow-methods").orElse("");
        assertTrue(methods.contains("GET") && methods.contains("POST"), methods);
        assertTrue(
                response.headers()
                        .firstValue("access-control-allow-headers")
                        .orElse("")
                        .contains("content-type"));
    }

    @Test
    void cors_shouldNotAllowAnOtherOrigin() {
        HttpResponse<String> get =
                LocalStackSupport.get("/articles?limit=1", "Origin", "https://evil.example");
        okJson(get);
        assertTrue(get.headers().firstValue("access-control-allow-origin").isEmpty());

        HttpResponse<String> preflight =
                LocalStackSupport.send(
                        HttpRequest.newBuilder(LocalStackSupport.url("/articles"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "https://evil.example")
                                .header("Access-Control-Request-Method", "POST"));
        assertEquals(204, preflight.statusCode());
        assertTrue(preflight.headers().firstValue("access-control-allow-origin").isEmpty());
        assertTrue(preflight.headers().firstValue("access-control-allow-methods").isEmpty());
    }
}

package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.local.SdkCallCounter;

/**
 * How many AWS calls each public read makes on its request path, counted by {@link SdkCallCounter}
 * (attached to every SDK client of the test JVM, so to every function the local stack built) and
 * reported per request in its {@value SdkCallCounter#HEADER} header. Each read is made once first,
 * so that per-container caches (a secret, the newsletter catalogue) are warm, as they are for all
 * but the first request a container serves.
 */
class ArticlesCallCountIT {

    private static final String RUN = Long.toString(System.currentTimeMillis() % 60_466_176L, 36);
    private static final String SECTION = "it-" + RUN + "-counted";
    private static final String TAG = "it-" + RUN + "-counted-tag";

    private static String slug(int i) {
        return "it-" + RUN + "-counted-" + i;
    }

    /** Each article as published, by number: its publish time is taken when it is written. */
    private static final Map<Integer, String> PUBLISHED = new HashMap<>();

    @BeforeAll
    static void publishArticles() {
        // Oldest first, so the newest one's related stories are chosen from the others.
        for (int i = 6; i >= 1; i--) {
            PUBLISHED.put(i, articleJson(i));
            HttpResponse<String> put = LocalStackSupport.putArticle(slug(i), PUBLISHED.get(i));
            assertEquals(201, put.statusCode(), put.body());
        }
    }

    private static String articleJson(int i) {
        ObjectNode json = Json.object();
        json.put("headline", "Counted " + i);
        json.put("summary", "Summary " + i);
        json.put("body", "<p>Body " + i + ".</p>");
        json.putArray("authors").add("Ana Reyes");
        json.put("section", SECTION);
        json.putArray("tags").add(TAG).add("it-" + RUN + "-other-" + i);
        json.put(
                "publishedAt",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600L * i).toString());
        if (i == 1) {
            json.putArray("related").add(slug(5)).add(slug(6));
        }
        return json.toString();
    }

    /** The SDK calls a response reports in its {@value SdkCallCounter#HEADER} header. */
    private static List<String> callsOf(HttpResponse<String> response) {
        String header =
                response.headers()
                        .firstValue(SdkCallCounter.HEADER)
                        .orElseThrow(() -> new AssertionError("no " + SdkCallCounter.HEADER));
        String[] parts = header.strip().split(" ", 2);
        List<String> calls =
                parts.length < 2 || parts[1].isBlank()
                        ? List.of()
                        : Arrays.asList(parts[1].split(","));
        assertEquals(Integer.parseInt(parts[0]), calls.size(), header);
        return calls;
    }

    /** The SDK calls the request made, as {@code Service.Operation}, after one warming request. */
    private static List<String> callsOfWarm(String pathAndQuery) {
        assertSuccess(LocalStackSupport.get(pathAndQuery));
        HttpResponse<String> response = LocalStackSupport.get(pathAndQuery);
        assertSuccess(response);
        return callsOf(response);
    }

    private static void assertSuccess(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(
                response.headers().firstValue("content-type").orElse("").contains("json"),
                response.headers().toString());
    }

    @Test
    void articlePage_shouldMakeAtMostTwoCalls_withItsRelatedStories() {
        List<String> calls = callsOfWarm("/articles/" + slug(1));

        assertTrue(calls.size() <= 2, calls.toString());
        assertEquals(List.of("DynamoDb.GetItem"), calls);
        // The related stories still come with it: editors' choices first, then sharing a tag.
        var related =
                Json.parse(LocalStackSupport.get("/articles/" + slug(1)).body()).get("related");
        assertEquals(4, related.size());
        assertEquals(slug(5), related.get(0).get("slug").asText());
        assertEquals(slug(6), related.get(1).get("slug").asText());
        assertEquals(slug(2), related.get(2).get("slug").asText());
        assertEquals(slug(3), related.get(3).get("slug").asText());
    }

    @Test
    void articleReplace_shouldReadTheArticleWithItsEditorsChoices_inOneBatchGet() {
        // A replace with an edited body, once to warm, then counted. The article's revision and its
        // editors' choices come in one consistent BatchGetItem (no GetItem before it), then one
        // Query per tag for the rest of its related stories, and the transaction. Its summary is
        // as published, and nothing has listed another summary of it, so the articles that list
        // it (slug 1 does) are not looked for.
        String edited = PUBLISHED.get(3).replace("Body 3.", "Body 3, corrected.");
        assertEquals(200, LocalStackSupport.putArticle(slug(3), edited, "*").statusCode());
        HttpResponse<String> replaced =
                LocalStackSupport.putArticle(
                        slug(3), edited.replace("corrected", "corrected again"), "*");
        assertEquals(200, replaced.statusCode(), replaced.body());

        assertEquals(
                List.of(
                        "DynamoDb.BatchGetItem",
                        "DynamoDb.Query",
                        "DynamoDb.Query",
                        "DynamoDb.TransactWriteItems"),
                callsOf(replaced));
    }

    @Test
    void articleReplace_shouldLookForTheArticlesListingIt_whileASummaryChangeSettles() {
        // A new headline: after the save's own calls, the Query of the articles that list it, then
        // (if another test's save has chosen it by now) one read of them and their updates.
        String renamed = PUBLISHED.get(1).replace("Counted 1", "Counted 1, renamed");
        HttpResponse<String> headline = LocalStackSupport.putArticle(slug(1), renamed, "*");
        assertEquals(200, headline.statusCode(), headline.body());
        List<String> refreshed =
                List.of(
                        "DynamoDb.BatchGetItem",
                        "DynamoDb.Query",
                        "DynamoDb.Query",
                        "DynamoDb.TransactWriteItems",
                        "DynamoDb.Query");
        List<String> calls = callsOf(headline);
        assertEquals(refreshed, calls.subList(0, refreshed.size()), calls.toString());
        assertTrue(
                List.of("DynamoDb.BatchGetItem", "DynamoDb.TransactWriteItems")
                        .containsAll(calls.subList(refreshed.size(), calls.size())),
                calls.toString());

        // A body edit right after it looks for them again: a save that read the old headline
        // could still be writing it (the mark that skips this comes only from a refresh that
        // began a minute after the change, ArticleEditor.SETTLED; unit tests cover it).
        HttpResponse<String> again =
                LocalStackSupport.putArticle(
                        slug(1), renamed.replace("Body 1.", "Body 1, amended."), "*");
        assertEquals(200, again.statusCode(), again.body());
        calls = callsOf(again);
        assertEquals(refreshed, calls.subList(0, refreshed.size()), calls.toString());
        // and finds them showing the new headline already: at most the read, no update
        assertTrue(
                List.of("DynamoDb.BatchGetItem")
                        .containsAll(calls.subList(refreshed.size(), calls.size())),
                calls.toString());
    }

    @Test
    void feed_shouldMakeOneCall_onEveryPage() {
        assertEquals(List.of("DynamoDb.Query"), callsOfWarm("/articles?section=" + SECTION));
        String cursor =
                Json.parse(
                                LocalStackSupport.get("/articles?section=" + SECTION + "&limit=2")
                                        .body())
                        .get("nextCursor")
                        .asText();
        assertEquals(
                List.of("DynamoDb.Query"),
                callsOfWarm("/articles?section=" + SECTION + "&limit=2&cursor=" + cursor));
        assertEquals(List.of("DynamoDb.Query"), callsOfWarm("/articles?tag=" + TAG));
        assertEquals(List.of("DynamoDb.Query"), callsOfWarm("/articles?featured=true"));
    }

    @Test
    void newsletters_shouldMakeNoCall_whenTheCatalogueIsWarm() {
        assertEquals(List.of(), callsOfWarm("/newsletters"));
    }

    @Test
    void membershipPlans_shouldMakeAtMostOneCall() {
        List<String> calls = callsOfWarm("/memberships/plans");
        assertTrue(calls.size() <= 1, calls.toString());
    }

    @Test
    void membershipStats_shouldMakeAtMostOneCall() {
        List<String> calls = callsOfWarm("/memberships/stats");
        assertTrue(calls.size() <= 1, calls.toString());
    }
}

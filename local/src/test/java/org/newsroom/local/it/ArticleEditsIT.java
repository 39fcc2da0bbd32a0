package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.newsroom.articles.DynamoDbArticleRepository;
import org.newsroom.articles.admin.ArticlesAdminHandler;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Editors' edits through the local API: If-Match against the ETag read (428 without it on an
 * existing article, 412 when stale), the editor's identity in the log, and the related stories
 * stored with an article kept up to date when one of them is edited or unpublished.
 */
class ArticleEditsIT {

    private static final String PROBLEM = "application/problem+json";
    private static final String RUN = Long.toString(System.currentTimeMillis() % 60_466_176L, 36);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static String unique(String name) {
        return "it-" + RUN + "-" + COUNTER.incrementAndGet() + "-" + name;
    }

    private static ObjectNode article(String headline, String section, List<String> tags) {
        ObjectNode json = Json.object();
        json.put("headline", headline);
        json.put("summary", "Summary of " + headline);
        json.put("body", "<p>Body of " + headline + ".</p>");
        json.putArray("authors").add("Ana Reyes");
        json.put("section", section);
        var list = json.putArray("tags");
        tags.forEach(list::add);
        json.put(
                "publishedAt",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600).toString());
        return json;
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("etag").orElseThrow();
    }

    private static String created(String slug, ObjectNode json) {
        HttpResponse<String> put = LocalStackSupport.putArticle(slug, json.toString());
        assertEquals(201, put.statusCode(), put.body());
        return etag(put);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(
                response.headers().firstValue("content-type").orElse("").startsWith(PROBLEM),
                response.headers().toString());
        JsonNode body = Json.parse(response.body());
        assertEquals("urn:newsroom:problem:" + type, body.get("type").asText());
        assertEquals(status, body.get("status").asInt());
    }

    private static String headline(String slug) {
        return Json.parse(LocalStackSupport.get("/articles/" + slug).body())
                .get("headline")
                .asText();
    }

    private static HttpResponse<String> delete(String slug, String ifMatch) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(LocalStackSupport.url("/articles/" + slug))
                        .header("Authorization", "Bearer " + LocalStackSupport.ADMIN_TOKEN)
                        .DELETE();
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return LocalStackSupport.send(request);
    }

    @Test
    void put_shouldAnswer428WithoutIfMatch_whenTheArticleExists_andChangeNothing() {
        String slug = unique("exists");
        String section = unique("section");
        created(slug, article("Original", section, List.of()));

        HttpResponse<String> again =
                LocalStackSupport.putArticle(
                        slug, article("Overwrite", section, List.of()).toString());

        assertProblem(again, 428, "precondition-required");
        assertEquals("Original", headline(slug));
    }

    @Test
    void put_shouldReplace_withTheETagRead_andRefuseTheSameStaleETagAfterwards() {
        String slug = unique("two-editors");
        String section = unique("section");
        created(slug, article("Original", section, List.of()));
        // Two editors read the same version.
        String read = etag(LocalStackSupport.get("/articles/" + slug));

        HttpResponse<String> first =
                LocalStackSupport.putArticle(
                        slug, article("First editor", section, List.of()).toString(), read);
        assertEquals(200, first.statusCode(), first.body());
        HttpResponse<String> second =
                LocalStackSupport.putArticle(
                        slug, article("Second editor", section, List.of()).toString(), read);

        assertProblem(second, 412, "precondition-failed");
        assertEquals("First editor", headline(slug));
        // The tag the first PUT answered with is current: a further edit with it goes through.
        HttpResponse<String> third =
                LocalStackSupport.putArticle(
                        slug, article("Third edit", section, List.of()).toString(), etag(first));
        assertEquals(200, third.statusCode(), third.body());
        assertEquals("Third edit", headline(slug));
    }

    @Test
    void put_shouldReplaceWhateverIsThere_withIfMatchStar_butNotCreate() {
        String slug = unique("star");
        String section = unique("section");
        assertProblem(
                LocalStackSupport.putArticle(
                        slug, article("Nothing yet", section, List.of()).toString(), "*"),
                412,
                "precondition-failed");
        assertEquals(404, LocalStackSupport.get("/articles/" + slug).statusCode());

        created(slug, article("Original", section, List.of()));
        HttpResponse<String> replaced =
                LocalStackSupport.putArticle(
                        slug, article("Replaced", section, List.of()).toString(), "*");
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertEquals("Replaced", headline(slug));
    }

    @Test
    void delete_shouldAnswer412WithAStaleETag_andUnpublishWithTheCurrentOne() {
        String slug = unique("delete");
        String section = unique("section");
        String stale = created(slug, article("Original", section, List.of()));
        String current =
                etag(
                        LocalStackSupport.putArticle(
                                slug, article("Edited", section, List.of()).toString(), stale));

        assertProblem(delete(slug, stale), 412, "precondition-failed");
        assertEquals(200, LocalStackSupport.get("/articles/" + slug).statusCode());

        assertEquals(204, delete(slug, current).statusCode());
        assertEquals(404, LocalStackSupport.get("/articles/" + slug).statusCode());
    }

    @Test
    void edits_shouldLogTheEditorsIdentity_fromTheRequestContext() throws Exception {
        // The admin function as deployed, but logging into a buffer this test reads.
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        String slug = unique("logged");
        try (AutoCloseable replaced =
                LocalStackSupport.stack()
                        .replaceHandlerForTest(
                                "ArticlesAdminFunction",
                                env ->
                                        new ArticlesAdminHandler(
                                                new DynamoDbArticleRepository(
                                                        AwsClients.dynamoDb(),
                                                        env.get("ARTICLES_TABLE")),
                                                Clock.systemUTC(),
                                                new Log(
                                                        "articles-admin",
                                                        new PrintStream(
                                                                logged,
                                                                true,
                                                                StandardCharsets.UTF_8)),
                                                new Metrics("articles-admin")))) {
            created(slug, article("Logged", unique("section"), List.of()));
            assertEquals(204, delete(slug, null).statusCode());
        }
        List<JsonNode> changes =
                logged.toString(StandardCharsets.UTF_8)
                        .lines()
                        .map(Json::parse)
                        .filter(l -> l.path("message").asText().equals("article changed"))
                        .toList();
        assertEquals(2, changes.size(), logged.toString(StandardCharsets.UTF_8));
        assertEquals("created", changes.get(0).get("action").asText());
        assertEquals("unpublished", changes.get(1).get("action").asText());
        for (JsonNode change : changes) {
            assertEquals(slug, change.get("slug").asText());
            // The local stack names its admin token's editor where IAM puts the principal ARN.
            assertEquals(
                    "arn:aws:iam::123456789012:user/local-editor", change.get("editor").asText());
        }
    }

    @Test
    void relatedStories_shouldFollowAnEditAndAnUnpublishOfAStoryTheyList() {
        String section = unique("related");
        String tag = unique("related-tag");
        String listed = unique("listed");
        String other = unique("other");
        String main = unique("main");
        String listedTag = created(listed, article("Listed before", section, List.of(tag)));
        created(other, article("Other", section, List.of(tag)));
        ObjectNode mainJson = article("Main", section, List.of(tag));
        mainJson.putArray("related").add(listed);
        created(main, mainJson);
        assertEquals(List.of(listed, other), related(main));

        // WHEN the listed story's headline changes
        ObjectNode renamed = article("Listed after", section, List.of(tag));
        HttpResponse<String> edit =
                LocalStackSupport.putArticle(listed, renamed.toString(), listedTag);
        assertEquals(200, edit.statusCode(), edit.body());
        // THEN the article that lists it shows the new headline
        JsonNode box = Json.parse(LocalStackSupport.get("/articles/" + main).body()).get("related");
        assertEquals("Listed after", box.get(0).get("headline").asText());

        // WHEN only its body changes next, and then its headline again
        renamed.put("body", "<p>A corrected body.</p>");
        HttpResponse<String> corrected =
                LocalStackSupport.putArticle(listed, renamed.toString(), etag(edit));
        assertEquals(200, corrected.statusCode(), corrected.body());
        renamed.put("headline", "Listed once more");
        HttpResponse<String> again =
                LocalStackSupport.putArticle(listed, renamed.toString(), etag(corrected));
        assertEquals(200, again.statusCode(), again.body());
        // THEN the box follows the last headline: a body-only save between two changes of the
        // summary does not keep the next change from reaching it
        box = Json.parse(LocalStackSupport.get("/articles/" + main).body()).get("related");
        assertEquals("Listed once more", box.get(0).get("headline").asText());

        // WHEN it is unpublished, THEN it leaves the box and the rest stays
        assertEquals(204, delete(listed, null).statusCode());
        assertEquals(List.of(other), related(main));
    }

    @Test
    void relatedRefresh_shouldDropAReferenceLeftByAnArticleThatIsGone() {
        // GIVEN a story with a reference from an article that does not exist (what an interrupted
        // refresh or a race can leave behind)
        String section = unique("dangling");
        String story = unique("story");
        String storyTag = created(story, article("Story before", section, List.of(unique("t"))));
        String ghost = unique("ghost");
        var dynamo = LocalStackSupport.stack().dynamo();
        String table = LocalStackSupport.stack().physicalId("ArticlesTable");
        Map<String, AttributeValue> reference =
                Map.of(
                        "pk", AttributeValue.fromS("A#" + story),
                        "sk", AttributeValue.fromS("R#" + ghost));
        dynamo.putItem(b -> b.tableName(table).item(reference));

        // WHEN the story's headline changes, so the articles that list it are refreshed
        HttpResponse<String> edit =
                LocalStackSupport.putArticle(
                        story,
                        article("Story after", section, List.of(unique("t"))).toString(),
                        storyTag);
        assertEquals(200, edit.statusCode(), edit.body());

        // THEN the dangling reference is gone (checked to be still missing, then deleted, in one
        // transaction the emulator accepted), and no article was created for it
        assertFalse(
                dynamo.getItem(b -> b.tableName(table).key(reference).consistentRead(true))
                        .hasItem());
        assertEquals(404, LocalStackSupport.get("/articles/" + ghost).statusCode());
    }

    private static List<String> related(String slug) {
        List<String> slugs = new ArrayList<>();
        Json.parse(LocalStackSupport.get("/articles/" + slug).body())
                .get("related")
                .forEach(r -> slugs.add(r.get("slug").asText()));
        return slugs;
    }
}

package org.newsroom.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsroom.core.crypto.Digests;

class EtagsTest {

    private static final String BODY = "{\"items\":[1,2,3]}";
    private static final String CACHE = "public, max-age=60, stale-while-revalidate=300";

    private static HttpResponse respond(Map<String, String> headers) {
        return Etags.cacheableJson(HttpRequest.of(Events.get(headers)), BODY, CACHE);
    }

    @Test
    void of_shouldBeStableQuotedAndStrong_forTheSameBody() {
        String first = Etags.of(BODY);
        assertEquals(first, Etags.of(new String(BODY)));
        assertTrue(first.startsWith("\"") && first.endsWith("\""), first);
        assertTrue(!first.startsWith("W/"), first);
    }

    @Test
    void of_shouldDiffer_whenBodyDiffers() {
        assertNotEquals(Etags.of(BODY), Etags.of("{\"items\":[1,2,4]}"));
    }

    @Test
    void cacheableJson_shouldAnswer200WithEtagAndCacheControl_withoutIfNoneMatch() {
        HttpResponse response = respond(Map.of());
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals(BODY, response.body());
        assertEquals(Etags.of(BODY), response.header("etag"));
        assertEquals(CACHE, response.header("cache-control"));
    }

    @Test
    void cacheableJson_shouldAnswer304WithoutBody_whenTagMatches() {
        HttpResponse response = respond(Map.of("if-none-match", Etags.of(BODY)));
        assertNotModified(response);
    }

    @Test
    void cacheableJson_shouldAnswer304_whenTagIsInAList() {
        HttpResponse response =
                respond(Map.of("If-None-Match", "\"other\", " + Etags.of(BODY) + " ,\"third\""));
        assertNotModified(response);
    }

    @Test
    void cacheableJson_shouldAnswer304_forStar() {
        assertNotModified(respond(Map.of("if-none-match", "*")));
    }

    @Test
    void cacheableJson_shouldAnswer304_forWeakVersionOfTheTag() {
        assertNotModified(respond(Map.of("if-none-match", "W/" + Etags.of(BODY))));
    }

    @Test
    void cacheableJson_shouldAnswer200_whenNoTagMatches() {
        HttpResponse response = respond(Map.of("if-none-match", "\"stale\", W/\"older\""));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals(BODY, response.body());
    }

    private static void assertNotModified(HttpResponse response) {
        assertEquals(304, response.status());
        assertNull(response.body());
        assertNull(response.header("content-type"));
        assertEquals(Etags.of(BODY), response.header("etag"));
        assertEquals(CACHE, response.header("cache-control"));
    }

    @Test
    void of_shouldTagEachBodyByItsOwnDigest_whenBodiesAlternateAndRepeat() {
        List<String> bodies = List.of(BODY, "{\"items\":[]}", BODY, BODY, "", "{\"items\":[]}");
        for (String body : bodies) {
            String digest = Digests.sha256Base64Url(body).substring(0, 27);
            assertEquals("\"" + digest + "\"", Etags.of(new String(body)), body);
        }
    }
}

package org.newsroom.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArticlesApiIT {

    @Test
    void publishedArticle_shouldBeReadableThroughTheApi() {
        HttpResponse<String> put = LocalStackSupport.putArticle("it-smoke", """
                {"headline":"Smoke","summary":"s","body":"<p>Hello</p>","authors":["A"],"section":"it-smoke","tags":[]}
                """);
        assertEquals(201, put.statusCode(), put.body());

        HttpResponse<String> get = LocalStackSupport.get("/articles/it-smoke");
        assertEquals(200, get.statusCode());
        assertEquals("application/json; charset=utf-8", get.headers().firstValue("content-type").orElse(""));
        JsonNode body = Json.parse(get.body());
        assertEquals("Smoke", body.get("headline").asText());
        assertTrue(get.headers().firstValue("etag").isPresent());
    }
}

package org.newsroom.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpResponseTest {

    @Test
    void withHeader_shouldAddLowerCased_replaceAnEarlierValue_andKeepTheRest() {
        HttpResponse response =
                HttpResponse.json(201, "{}")
                        .withHeader("Location", "/articles/a")
                        .withHeader("etag", "\"1\"")
                        .withHeader("ETag", "\"2\"");

        assertEquals(
                Map.of(
                        "content-type", HttpResponse.JSON,
                        "location", "/articles/a",
                        "etag", "\"2\""),
                response.headers());
        assertEquals("\"2\"", response.header("ETAG"));
        assertEquals(201, response.status());
        assertEquals("{}", response.body());
        assertThrows(UnsupportedOperationException.class, () -> response.headers().put("x", "y"));
    }

    @Test
    void withHeader_shouldLeaveTheOriginalAsItWas() {
        HttpResponse original = HttpResponse.empty(204);
        HttpResponse changed = original.withHeader("etag", "\"3\"");
        assertEquals(Map.of(), original.headers());
        assertEquals(Map.of("etag", "\"3\""), changed.headers());
    }
}

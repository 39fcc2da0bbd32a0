package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;

class JsonBodyTest {

    @Test
    void object_shouldParseAJsonObject_withCharsetInTheMediaType() {
        assertEquals(
                "x",
                JsonBody.object(
                                TestRequests.body(
                                        "application/json; charset=utf-8", "{\"a\":\"x\"}"),
                                100)
                        .path("a")
                        .asText());
    }

    @Test
    void object_shouldAnswer415_forAnotherMediaTypeOrNone() {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", null}) {
            ProblemException e =
                    assertThrows(
                            ProblemException.class,
                            () -> JsonBody.object(TestRequests.body(type, "{}"), 100),
                            String.valueOf(type));
            assertEquals(415, TestRequests.status(e));
        }
    }

    @Test
    void object_shouldAnswer413_pastTheLimit() {
        ProblemException e =
                assertThrows(
                        ProblemException.class,
                        () -> JsonBody.object(TestRequests.json("{\"a\":\"12345\"}"), 10));
        assertEquals(413, TestRequests.status(e));
    }

    @Test
    void object_shouldAnswer400_forJsonThatIsNotAnObject() {
        ProblemException e =
                assertThrows(
                        ProblemException.class,
                        () -> JsonBody.object(TestRequests.json("[1]"), 100));
        assertEquals(400, TestRequests.status(e));
        assertThrows(
                Json.MalformedJsonException.class,
                () -> JsonBody.object(TestRequests.json("{not json"), 100));
    }
}

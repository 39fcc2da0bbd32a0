package org.newsroom.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

class ProblemTest {

    @Test
    void toJson_shouldHaveTypeTitleStatusDetail() {
        JsonNode json =
                Json.parse(
                        Problem.of(
                                        "conflict",
                                        "Edited at the same time",
                                        409,
                                        "Reload and save again.")
                                .toJson());
        assertEquals("urn:newsroom:problem:conflict", json.get("type").asText());
        assertEquals("Edited at the same time", json.get("title").asText());
        assertEquals(409, json.get("status").asInt());
        assertTrue(json.get("status").isInt());
        assertEquals("Reload and save again.", json.get("detail").asText());
        assertFalse(json.has("errors"));
    }

    @Test
    void validation_shouldListEveryFieldError() {
        Problem problem =
                Problem.validation(
                        List.of(
                                new FieldError("email", "Please enter a correct email address"),
                                new FieldError("newsletters", "Choose at least one newsletter")));
        JsonNode json = Json.parse(problem.toJson());
        assertEquals("urn:newsroom:problem:validation", json.get("type").asText());
        assertEquals(400, json.get("status").asInt());
        assertTrue(json.get("detail").asText().contains("email"));
        assertTrue(json.get("detail").asText().contains("newsletters"));
        JsonNode errors = json.get("errors");
        assertEquals(2, errors.size());
        assertEquals("email", errors.get(0).get("field").asText());
        assertEquals("Please enter a correct email address", errors.get(0).get("message").asText());
        assertEquals("newsletters", errors.get(1).get("field").asText());
    }

    @Test
    void validation_shouldUseTheOnlyMessageAsDetail_whenOneFieldIsWrong() {
        Problem problem =
                Problem.validation(
                        List.of(new FieldError("email", "Please enter a correct email address")));
        assertEquals("Please enter a correct email address", problem.detail());
    }

    @Test
    void toResponse_shouldBeProblemJsonWithItsStatusAndNoStore() {
        HttpResponse response = Problem.tooManyRequests().toResponse();
        assertEquals(429, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        assertEquals("no-store", response.header("cache-control"));
        assertEquals(
                "urn:newsroom:problem:too-many-requests",
                Json.parse(response.body()).get("type").asText());
    }

    @Test
    void factories_shouldUseTheirStatusCodes() {
        assertEquals(400, Problem.badRequest("x").status());
        assertEquals(404, Problem.notFound("x").status());
        assertEquals(413, Problem.payloadTooLarge(1024).status());
        assertEquals(415, Problem.unsupportedMediaType("application/json").status());
        assertEquals(500, Problem.internal().status());
        assertEquals("urn:newsroom:problem:internal", Problem.internal().type());
    }
}

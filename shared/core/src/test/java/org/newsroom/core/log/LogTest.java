package org.newsroom.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.core.store.StoreException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class LogTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final Log log =
            new Log("bounce-handler", new PrintStream(written, true, StandardCharsets.UTF_8));

    private static DynamoDbException dynamoError(String code, String message) {
        return (DynamoDbException)
                DynamoDbException.builder()
                        .message(message)
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode(code)
                                        .errorMessage(message)
                                        .build())
                        .build();
    }

    @Test
    void error_shouldNameTheServicesErrorCode_soAccessDeniedAndThrottlingReadDifferently() {
        log.error(
                "suppress failed",
                Map.of(),
                new StoreException(
                        "Could not write",
                        dynamoError(
                                "AccessDeniedException",
                                "User is not authorized; key reader@example.org")));
        log.error(
                "suppress failed",
                Map.of(),
                new StoreException(
                        "Could not write", dynamoError("ThrottlingException", "Rate exceeded")));

        String[] lines = written.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode denied = Json.parse(lines[0]);
        JsonNode throttled = Json.parse(lines[1]);
        assertEquals("AccessDeniedException", denied.get("awsErrorCode").asText());
        assertEquals("ThrottlingException", throttled.get("awsErrorCode").asText());
        assertEquals(StoreException.class.getName(), denied.get("errorType").asText());
        assertEquals(DynamoDbException.class.getName(), denied.get("causeType").asText());
        assertFalse(
                lines[0].contains("reader@example.org"),
                "the service's message can echo request data: " + lines[0]);
    }

    @Test
    void error_shouldLeaveTheCodeOut_whenNoServiceExceptionIsInvolved() {
        log.error("failed", Map.of(), new IllegalStateException("broken"));
        JsonNode line = Json.parse(written.toString(StandardCharsets.UTF_8).strip());
        assertTrue(line.path("awsErrorCode").isMissingNode());
        assertEquals("ERROR", line.get("level").asText());
    }

    @Test
    void line_shouldReadAsTheTreeOfItsFields_aCallersFieldReplacingTheLinesOwnInPlace() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", "r-1");
        fields.put("status", 200);
        fields.put("durationMs", 3L);
        fields.put("message", "replaced \"in place\"\n");
        fields.put("nothing", null);
        fields.put("list", List.of("a", 1, true));
        RuntimeException error = new IllegalStateException("x", new RuntimeException("y"));

        String streamed = log.line("ERROR", "request failed", fields, error);

        ObjectNode tree = Json.object();
        tree.put("time", Json.parse(streamed).get("time").asText());
        tree.put("level", "ERROR");
        tree.put("function", "bounce-handler");
        tree.put("message", "request failed");
        fields.forEach((k, v) -> tree.set(k, Json.toNode(v)));
        tree.put("errorType", IllegalStateException.class.getName());
        tree.put("errorAt", error.getStackTrace()[0].toString());
        tree.put("causeType", RuntimeException.class.getName());
        assertEquals(tree.toString(), streamed);
        assertEquals("replaced \"in place\"\n", Json.parse(streamed).get("message").asText());
    }
}

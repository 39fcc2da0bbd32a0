package org.newsroom.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
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
}

package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * Lambda's retries and failure records of asynchronous invocations, as the local stack does them.
 */
class AsyncFailuresTest {

    private static Template template;

    @BeforeAll
    static void load() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = Files.exists(here.resolve("template.yaml")) ? here : here.getParent();
        template = Template.load(root.resolve("template.yaml"));
    }

    @Test
    void asyncInvoke_shouldReadTheTemplatesRetriesAndDestination() {
        assertEquals(
                new FailureDestinations.AsyncInvoke(2, Optional.of("BounceDeadLetterQueue")),
                FailureDestinations.asyncInvoke(template, "BounceHandlerFunction"));
        assertEquals(
                new FailureDestinations.AsyncInvoke(1, Optional.of("GiftMailDeadLetterQueue")),
                FailureDestinations.asyncInvoke(template, "GiftMailerFunction"));
        assertEquals(
                new FailureDestinations.AsyncInvoke(
                        FailureDestinations.AsyncInvoke.DEFAULT_RETRIES, Optional.empty()),
                FailureDestinations.asyncInvoke(template, "ArticlesReadFunction"));
    }

    @Test
    void record_shouldHaveLambdasShape_andBeWhatTheRedriveReplays() {
        JsonNode event = Json.parse("{\"Records\":[{\"EventSource\":\"aws:sns\"}]}");

        JsonNode record =
                AsyncFailures.record(
                        "BounceHandlerFunction",
                        event,
                        new IllegalStateException("reader@example.org"),
                        3,
                        Instant.parse("2026-11-26T09:40:00Z"));

        JsonNode context = record.get("requestContext");
        assertEquals("RetriesExhausted", context.get("condition").asText());
        assertEquals(3, context.get("approximateInvokeCount").asInt());
        assertTrue(context.get("requestId").isTextual());
        assertEquals(event, record.get("requestPayload"));
        assertEquals("Unhandled", record.get("responseContext").get("functionError").asText());
        assertEquals(
                "java.lang.IllegalStateException",
                record.get("responsePayload").get("errorType").asText());
        assertFalse(
                record.toString().contains("reader@example.org"),
                "the error's message is left out");
        FailureRecord.AsyncInvocation parsed =
                assertInstanceOf(
                        FailureRecord.AsyncInvocation.class,
                        FailureRecord.parse(record.toString()));
        assertEquals(
                "BounceHandlerFunction",
                FailureRecord.functionName(parsed.functionArn().orElseThrow()));
        assertEquals(event, Json.parse(parsed.payloadJson()));
    }

    @Test
    void scheduledRun_shouldBeRetriedAsConfigured_thenGoToTheDestination() {
        List<String> sent = new ArrayList<>();
        AsyncFailures failures =
                new AsyncFailures(
                        "GiftMailerFunction",
                        FailureDestinations.asyncInvoke(template, "GiftMailerFunction"),
                        Optional.of(sent::add));
        AtomicInteger calls = new AtomicInteger();
        ScheduleRunner runner =
                new ScheduleRunner(
                        new FunctionSpec(
                                "GiftMailerFunction", "none", Map.of(), Map.of(), Map.of()),
                        "Every15Minutes",
                        new FailingHandler(calls),
                        failures);

        runner.fire();
        runner.close();

        assertEquals(2, calls.get(), "the first attempt and MaximumRetryAttempts: 1");
        assertEquals(1, sent.size());
        JsonNode record = Json.parse(sent.get(0));
        assertEquals(2, record.get("requestContext").get("approximateInvokeCount").asInt());
        assertEquals("Scheduled Event", record.get("requestPayload").get("detail-type").asText());
    }

    @Test
    void scheduledRun_shouldNotBeSentAnywhere_whenItSucceeds() {
        List<String> sent = new ArrayList<>();
        ScheduleRunner runner =
                new ScheduleRunner(
                        new FunctionSpec(
                                "GiftMailerFunction", "none", Map.of(), Map.of(), Map.of()),
                        "Every15Minutes",
                        (com.amazonaws.services.lambda.runtime.RequestHandler<
                                        Map<String, Object>, String>)
                                (event, context) -> "ok",
                        new AsyncFailures(
                                "GiftMailerFunction",
                                FailureDestinations.asyncInvoke(template, "GiftMailerFunction"),
                                Optional.of(sent::add)));

        runner.fire();
        runner.close();

        assertEquals(List.of(), sent);
    }

    /** A scheduled function that always fails. */
    static final class FailingHandler
            implements com.amazonaws.services.lambda.runtime.RequestHandler<
                    Map<String, Object>, String> {

        private final AtomicInteger calls;

        FailingHandler(AtomicInteger calls) {
            this.calls = calls;
        }

        @Override
        public String handleRequest(
                Map<String, Object> event, com.amazonaws.services.lambda.runtime.Context context) {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
        }
    }
}

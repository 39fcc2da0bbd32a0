package org.newsroom.newsletters.bounces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.newsroom.core.config.Config;
import org.newsroom.core.config.ConfigException;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.subscriptions.SubscriptionRepository;
import org.newsroom.subscriptions.SubscriptionStoreException;

@ExtendWith(MockitoExtension.class)
class BounceHandlerTest {

    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();

    private static final Instant NOW = Instant.parse("2026-11-26T09:40:00Z");

    private static final AddressKeys KEYS =
            new AddressKeys(Pepper.of("bounce-handler-test-pepper-0123456789abcdef"));

    @Mock SubscriptionRepository repository;

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    private BounceHandler handler() {
        return new BounceHandler(
                repository,
                KEYS,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new Log("bounce-handler", new PrintStream(logs, true, StandardCharsets.UTF_8)),
                new Metrics(
                        "bounce-handler",
                        new PrintStream(metricLines, true, StandardCharsets.UTF_8),
                        Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static SNSEvent event(String name) {
        return EventLoader.loadSNSEvent("../../events/bounce-handler/" + name);
    }

    @Test
    void handle_shouldSuppressTheAddress_onAPermanentBounce() {
        assertEquals(
                "notifications=1 suppressed=1",
                handler().handleRequest(event("permanent-bounce.json"), null));
        ArgumentCaptor<EmailAddress> address = ArgumentCaptor.forClass(EmailAddress.class);
        verify(repository)
                .suppress(
                        eq(KEYS.id(EmailAddress.parse("bounced@example.org").orElseThrow())),
                        address.capture(),
                        eq("bounce-permanent"),
                        eq(NOW));
        assertEquals("bounced@example.org", address.getValue().value());
        assertFalse(
                logs.toString(StandardCharsets.UTF_8).contains("bounced@"),
                "no address in the logs");
        assertEquals(List.of("Suppressions/bounce"), counted());
    }

    @Test
    void streamHandler_shouldSuppressTheAddress_andWriteTheSummaryAsAJsonString() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        try (java.io.InputStream in =
                java.nio.file.Files.newInputStream(
                        java.nio.file.Path.of(
                                "../../events/bounce-handler/permanent-bounce.json"))) {
            handler().handleRequest(in, out, null);
        }

        assertEquals("\"notifications=1 suppressed=1\"", out.toString(StandardCharsets.UTF_8));
        verify(repository)
                .suppress(
                        eq(KEYS.id(EmailAddress.parse("bounced@example.org").orElseThrow())),
                        any(EmailAddress.class),
                        eq("bounce-permanent"),
                        eq(NOW));
    }

    @Test
    void handle_shouldSuppressTheAddress_onAComplaint_evenWithADisplayName() {
        handler().handleRequest(event("complaint.json"), null);
        ArgumentCaptor<EmailAddress> address = ArgumentCaptor.forClass(EmailAddress.class);
        verify(repository)
                .suppress(
                        eq(KEYS.id(EmailAddress.parse("angry@example.org").orElseThrow())),
                        address.capture(),
                        eq("complaint"),
                        eq(NOW));
        assertEquals("angry@example.org", address.getValue().value());
        assertEquals(List.of("Suppressions/complaint"), counted());
    }

    @Test
    void handle_shouldIgnoreTransientBounces() {
        handler().handleRequest(event("transient-bounce.json"), null);
        verifyNoInteractions(repository);
        assertEquals(List.of(), counted());
    }

    @Test
    void handle_shouldFailTheDelivery_whenStorageFails_soSnsRetries() {
        doThrow(new SubscriptionStoreException("down", null))
                .when(repository)
                .suppress(anyString(), any(), anyString(), any());
        assertThrows(
                SubscriptionStoreException.class,
                () -> handler().handleRequest(event("permanent-bounce.json"), null));
        assertEquals(List.of(), counted(), "nothing counted until it is stored");
    }

    @Test
    void parse_shouldIgnoreUnreadableMessages() {
        assertEquals(0, SesNotification.parse("not json").suppress().size());
        assertEquals(0, SesNotification.parse("{\"eventType\":\"Delivery\"}").suppress().size());
    }

    @Test
    void handle_shouldTagItsLogLines_withTheRequestIdAndColdStart() {
        Context context = mock(Context.class);
        when(context.getAwsRequestId()).thenReturn("aws-req-1", "aws-req-2");
        BounceHandler handler = handler();
        handler.handleRequest(event("transient-bounce.json"), context);
        handler.handleRequest(event("transient-bounce.json"), context);
        String[] lines = logs.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(2, lines.length);
        JsonNode first = Json.parse(lines[0]);
        JsonNode second = Json.parse(lines[1]);
        assertEquals("aws-req-1", first.get("awsRequestId").asText());
        assertTrue(first.get("coldStart").asBoolean());
        assertEquals("aws-req-2", second.get("awsRequestId").asText());
        assertFalse(second.get("coldStart").asBoolean());
    }

    @Test
    void settings_shouldNameTheMissingTable() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> BounceHandlerSettings.from(Config.from(Map.of())));
        assertTrue(e.getMessage().contains("SUBSCRIPTIONS_TABLE"));
    }

    /**
     * Each EMF line written, as "Metric" or "Metric/Reason", once its required fields check out.
     */
    private List<String> counted() {
        return metricLines
                .toString(StandardCharsets.UTF_8)
                .lines()
                .map(Json::parse)
                .map(
                        line -> {
                            JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
                            assertTrue(line.get("_aws").get("Timestamp").isIntegralNumber());
                            assertEquals("Newsroom", directive.get("Namespace").asText());
                            assertEquals("bounce-handler", line.get("Function").asText());
                            String name = directive.get("Metrics").get(0).get("Name").asText();
                            assertEquals(1, line.get(name).asInt());
                            return line.has("Reason")
                                    ? name + "/" + line.get("Reason").asText()
                                    : name;
                        })
                .toList();
    }
}

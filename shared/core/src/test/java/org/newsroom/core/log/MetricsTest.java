package org.newsroom.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;

class MetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final Metrics metrics =
            new Metrics(
                    "newsletter-signup",
                    new PrintStream(written, true, StandardCharsets.UTF_8),
                    Clock.fixed(NOW, ZoneOffset.UTC));

    private JsonNode onlyLine() {
        String[] lines = written.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(1, lines.length);
        return Json.parse(lines[0]);
    }

    /**
     * The specification's requirements of one line: an {@code _aws} object with a numeric
     * millisecond {@code Timestamp} and a {@code CloudWatchMetrics} array of directives; each
     * directive has a {@code Namespace}, {@code Dimensions} (an array of dimension sets, each an
     * array of at most 30 names) and {@code Metrics} (at most 100, each with a {@code Name}); every
     * dimension name must be a string member of the root and every metric name a numeric member.
     */
    private static void assertValidEmf(JsonNode line) {
        JsonNode aws = line.get("_aws");
        assertTrue(aws != null && aws.isObject(), "_aws object");
        assertTrue(aws.get("Timestamp").isIntegralNumber(), "Timestamp in epoch milliseconds");
        JsonNode directives = aws.get("CloudWatchMetrics");
        assertTrue(directives.isArray() && directives.size() >= 1, "CloudWatchMetrics array");
        for (JsonNode directive : directives) {
            assertTrue(directive.get("Namespace").isTextual(), "Namespace");
            assertTrue(directive.get("Dimensions").isArray(), "Dimensions");
            for (JsonNode set : directive.get("Dimensions")) {
                assertTrue(set.isArray() && set.size() <= 30, "dimension set of at most 30");
                for (JsonNode name : set) {
                    assertTrue(
                            line.path(name.asText()).isTextual(),
                            "dimension " + name + " is a string member of the root");
                }
            }
            JsonNode list = directive.get("Metrics");
            assertTrue(
                    list.isArray() && list.size() >= 1 && list.size() <= 100, "1 to 100 metrics");
            for (JsonNode metric : list) {
                assertTrue(metric.get("Name").isTextual(), "metric Name");
                assertTrue(
                        line.path(metric.get("Name").asText()).isNumber(),
                        "metric value is a numeric member of the root");
            }
        }
    }

    @Test
    void count_shouldWriteOneValidEmfLine_inTheNewsroomNamespace_byFunction() {
        metrics.count("SignupsAccepted");

        JsonNode line = onlyLine();
        assertValidEmf(line);
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals(NOW.toEpochMilli(), line.get("_aws").get("Timestamp").asLong());
        assertEquals("Newsroom", directive.get("Namespace").asText());
        assertEquals("[[\"Function\"]]", directive.get("Dimensions").toString());
        assertEquals("SignupsAccepted", directive.get("Metrics").get(0).get("Name").asText());
        assertEquals("Count", directive.get("Metrics").get(0).get("Unit").asText());
        assertEquals("newsletter-signup", line.get("Function").asText());
        assertEquals(1, line.get("SignupsAccepted").asInt());
    }

    @Test
    void count_shouldAddTheExtraDimension_toTheSameDimensionSet() {
        metrics.count("SignupsRefused", "Reason", "rate-limited");

        JsonNode line = onlyLine();
        assertValidEmf(line);
        assertEquals(
                "[[\"Function\",\"Reason\"]]",
                line.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").toString());
        assertEquals("rate-limited", line.get("Reason").asText());
    }

    @Test
    void count_shouldCarryTheInvocation_asPlainProperties() {
        Context context = mock(Context.class);
        when(context.getAwsRequestId()).thenReturn("aws-req-9");
        try (Invocation ignored = new Invocation.Tracker().begin(context)) {
            metrics.count("Confirmations");
        }
        JsonNode line = onlyLine();
        assertValidEmf(line);
        assertEquals("aws-req-9", line.get("awsRequestId").asText());
        assertTrue(line.get("coldStart").asBoolean());
        Set<String> dimensions = new HashSet<>();
        line.get("_aws")
                .get("CloudWatchMetrics")
                .get(0)
                .get("Dimensions")
                .get(0)
                .forEach(d -> dimensions.add(d.asText()));
        assertFalse(
                dimensions.contains("awsRequestId"),
                "a request id as a dimension would create a metric per request");
    }

    @Test
    void count_shouldRefuseNamesAndValuesThatAreNotFixedWords_writingNothing() {
        assertThrows(IllegalArgumentException.class, () -> metrics.count("Signups Accepted"));
        assertThrows(
                IllegalArgumentException.class,
                () -> metrics.count("SignupsRefused", "Reason", "reader@example.org"));
        assertThrows(
                IllegalArgumentException.class,
                () -> metrics.count("SignupsRefused", "Function", "other"));
        assertEquals("", written.toString(StandardCharsets.UTF_8));
    }

    @Test
    void count_shouldRefuseNamesTheLineGivesItsOwnProperties_andAMetricNamedLikeItsDimension() {
        assertThrows(IllegalArgumentException.class, () -> metrics.count("coldStart"));
        assertThrows(IllegalArgumentException.class, () -> metrics.count("awsRequestId"));
        assertThrows(
                IllegalArgumentException.class, () -> metrics.count("Refused", "coldStart", "yes"));
        assertThrows(IllegalArgumentException.class, () -> metrics.count("Reason", "Reason", "x"));
        assertThrows(IllegalArgumentException.class, () -> metrics.count(null));
        assertThrows(
                IllegalArgumentException.class, () -> metrics.count("Refused", "Reason", null));
        assertEquals("", written.toString(StandardCharsets.UTF_8));
    }

    /** The line as a tree of the same properties, in the same order: the reference. */
    private static String treeLine(
            String metric, String dimension, String value, String requestId, boolean cold) {
        ObjectNode line = Json.object();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", NOW.toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", "Newsroom");
        ArrayNode set = directive.putArray("Dimensions").addArray().add("Function");
        if (dimension != null) {
            set.add(dimension);
        }
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", "Count");
        line.put("Function", "newsletter-signup");
        if (dimension != null) {
            line.put(dimension, value);
        }
        line.put(metric, 1);
        if (requestId != null) {
            line.put("awsRequestId", requestId);
            line.put("coldStart", cold);
        }
        return line.toString();
    }

    @Test
    void count_shouldWriteExactlyTheTreeOfItsProperties_firstAndRepeatedCounts() {
        Context context = mock(Context.class);
        when(context.getAwsRequestId()).thenReturn("req \"1\"\u0001");
        Invocation.Tracker tracker = new Invocation.Tracker();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            metrics.count("SignupsAccepted");
            expected.add(treeLine("SignupsAccepted", null, null, null, false));
            metrics.count("SignupsRefused", "Reason", "rate-limited");
            expected.add(treeLine("SignupsRefused", "Reason", "rate-limited", null, false));
            try (Invocation ignored = tracker.begin(context)) {
                metrics.count("SignupsRefused", "Reason", "honeypot-" + i);
                expected.add(
                        treeLine(
                                "SignupsRefused",
                                "Reason",
                                "honeypot-" + i,
                                "req \"1\"\u0001",
                                i == 0));
            }
        }
        assertEquals(
                expected, List.of(written.toString(StandardCharsets.UTF_8).strip().split("\n")));
    }
}

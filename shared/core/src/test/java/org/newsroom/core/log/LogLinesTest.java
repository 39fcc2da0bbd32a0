package org.newsroom.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.store.StoreException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The lines {@link JsonLine} assembles, compared byte for byte with {@link ReferenceLogLines} (the
 * generator's lines) over thousands of generated ones, and how they reach the stream.
 */
class LogLinesTest {

    private static final String SEPARATOR = System.lineSeparator();

    /** Characters that test escaping and encoding: quotes, control characters, non-ASCII. */
    private static final String CHARACTERS =
            "abcXYZ019 -_/:.{}[],\"\\\u0000\u0001\u0008\t\n\u000b\f\r\u001f\u007f"
                    + "\u00e9\u00ff\u0100\u20ac\u2028\ud83d\ude00\ud800\udc00";

    private static final String[] OWN_NAMES = {
        "time",
        "level",
        "function",
        "message",
        "awsRequestId",
        "coldStart",
        "errorType",
        "errorAt",
        "causeType",
        "awsErrorCode"
    };

    private enum Colour {
        RED
    }

    private final Random random = new Random(20261130L);

    private String text(int maxLength, boolean asciiOnly) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = CHARACTERS.charAt(random.nextInt(CHARACTERS.length()));
            text.append(asciiOnly && c >= 0x80 ? 'q' : c);
        }
        return text.toString();
    }

    private Object value(boolean asciiOnly) {
        return switch (random.nextInt(14)) {
            case 0, 1, 2 -> text(24, asciiOnly);
            case 3 -> random.nextInt();
            case 4 -> random.nextLong();
            case 5 -> random.nextBoolean();
            case 6 -> null;
            case 7 -> random.nextDouble() * 1e6;
            case 8 -> List.of(text(5, asciiOnly), random.nextInt(100), false);
            case 9 -> Map.of(text(4, asciiOnly), random.nextLong());
            case 10 -> Colour.RED;
            case 11 -> Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000));
            case 12 -> new BigDecimal("12.50");
            default -> Optional.of(text(6, asciiOnly));
        };
    }

    private Map<String, Object> fields(boolean asciiOnly) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int count = random.nextInt(7);
        for (int i = 0; i < count; i++) {
            String name =
                    random.nextInt(8) == 0
                            ? OWN_NAMES[random.nextInt(OWN_NAMES.length)]
                            : text(12, asciiOnly);
            fields.put(name, value(asciiOnly));
        }
        return fields;
    }

    private Throwable error() {
        return switch (random.nextInt(5)) {
            case 0 -> new IllegalStateException("broken");
            case 1 -> new IllegalStateException("x", new IllegalArgumentException("y"));
            case 2 ->
                    new StoreException(
                            "Could not write",
                            DynamoDbException.builder()
                                    .message("Rate exceeded")
                                    .awsErrorDetails(
                                            AwsErrorDetails.builder()
                                                    .errorCode("ThrottlingException")
                                                    .build())
                                    .build());
            case 3 -> {
                RuntimeException traceless = new RuntimeException("no trace");
                traceless.setStackTrace(new StackTraceElement[0]);
                yield traceless;
            }
            default -> null;
        };
    }

    private static PrintStream utf8(OutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    /** The bytes {@code println} of each text gives on a stream like the one under test. */
    private static byte[] printed(List<String> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = utf8(bytes);
        lines.forEach(out::println);
        return bytes.toByteArray();
    }

    /** The time the line carries; a caller's field named "time" replaces it in both lines. */
    private static String timeOf(String line, Map<String, Object> fields) {
        if (fields.containsKey("time")) {
            return "replaced";
        }
        assertTrue(line.startsWith("{\"time\":\""), line);
        return line.substring(9, line.indexOf('"', 9));
    }

    @Test
    void logLines_shouldBeTheGeneratorsLines_byteForByte_overThousandsOfGeneratedLines() {
        Context context = mock(Context.class);
        String[] requestId = {null};
        when(context.getAwsRequestId()).thenAnswer(call -> requestId[0]);
        Invocation.Tracker tracker = new Invocation.Tracker();
        for (int i = 0; i < 4_000; i++) {
            boolean asciiOnly = i % 2 == 0;
            String function = random.nextInt(10) == 0 ? null : text(16, asciiOnly);
            String message = random.nextInt(20) == 0 ? null : text(30, asciiOnly);
            Map<String, Object> fields = fields(asciiOnly);
            Throwable error = error();
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            Log log = new Log(function, utf8(written));
            Invocation invocation = null;
            int open = random.nextInt(4);
            if (open > 0) {
                requestId[0] = open == 1 ? null : text(20, asciiOnly);
                if (random.nextInt(3) == 0) {
                    tracker = new Invocation.Tracker();
                }
                invocation = tracker.begin(open == 3 ? context : null);
            }
            try {
                String level;
                if (error != null) {
                    level = "ERROR";
                    log.error(message, fields, error);
                } else if (random.nextBoolean()) {
                    level = "WARN";
                    log.warn(message, fields);
                } else {
                    level = "INFO";
                    log.info(message, fields);
                }
                String line = log.line(level, message, fields, error);
                String reference =
                        ReferenceLogLines.logLine(
                                timeOf(line, fields),
                                function,
                                level,
                                message,
                                fields,
                                error,
                                invocation);
                assertEquals(reference, line);

                String writtenLine = written.toString(StandardCharsets.UTF_8);
                String writtenReference =
                        ReferenceLogLines.logLine(
                                timeOf(writtenLine, fields),
                                function,
                                level,
                                message,
                                fields,
                                error,
                                invocation);
                assertArrayEquals(
                        printed(List.of(writtenReference)),
                        written.toByteArray(),
                        "line " + i + ": " + writtenReference);
            } finally {
                if (invocation != null) {
                    invocation.close();
                }
            }
        }
    }

    @Test
    void metricLines_shouldBeTheGeneratorsLines_byteForByte_overThousandsOfGeneratedLines() {
        Instant now = Instant.parse("2026-11-30T03:00:00.123Z");
        Context context = mock(Context.class);
        String[] requestId = {null};
        when(context.getAwsRequestId()).thenAnswer(call -> requestId[0]);
        String[] metricNames = {"SignupsAccepted", "Refused", "A", "Gift9Redeemed"};
        String[] dimensionNames = {"Reason", "Outcome", "Kind2"};
        String[] values = {"rate-limited", "honeypot", "0", "a-b-c-9"};
        String[] functions = {"newsletter-signup", "gift-redeem", "x"};
        for (int i = 0; i < 3_000; i++) {
            String function = functions[random.nextInt(functions.length)];
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            Metrics metrics =
                    new Metrics(function, utf8(written), Clock.fixed(now, ZoneOffset.UTC));
            List<String> expected = new ArrayList<>();
            int open = random.nextInt(3);
            requestId[0] = open == 2 ? text(20, i % 2 == 0) : null;
            Invocation invocation =
                    open == 0 ? null : new Invocation.Tracker().begin(open == 2 ? context : null);
            try {
                for (int count = 0; count < 3; count++) {
                    String metric = metricNames[random.nextInt(metricNames.length)];
                    if (random.nextBoolean()) {
                        metrics.count(metric);
                        expected.add(
                                ReferenceLogLines.metricLine(
                                        now.toEpochMilli(),
                                        function,
                                        metric,
                                        null,
                                        null,
                                        invocation));
                    } else {
                        String dimension = dimensionNames[random.nextInt(dimensionNames.length)];
                        String value = values[random.nextInt(values.length)];
                        metrics.count(metric, dimension, value);
                        expected.add(
                                ReferenceLogLines.metricLine(
                                        now.toEpochMilli(),
                                        function,
                                        metric,
                                        dimension,
                                        value,
                                        invocation));
                    }
                }
            } finally {
                if (invocation != null) {
                    invocation.close();
                }
            }
            assertArrayEquals(printed(expected), written.toByteArray(), "lines " + expected);
        }
    }

    /** Counts the writes that reach it. */
    private static final class CountingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;

        @Override
        public void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }
    }

    @Test
    void writeTo_shouldWriteEachLineAndItsEnd_withOneWrite_asciiOrNot() {
        CountingStream stream = new CountingStream();
        Log log = new Log("articles-read", new PrintStream(stream, false, StandardCharsets.UTF_8));
        log.info("request", Map.of("route", "GET /articles"));
        assertEquals(1, stream.writes);
        log.info("request", Map.of("route", "GET /articles/caf\u00e9"));
        assertEquals(2, stream.writes);
        String[] lines = stream.bytes.toString(StandardCharsets.UTF_8).split(SEPARATOR);
        assertEquals(2, lines.length);
        assertEquals("GET /articles/caf\u00e9", Json.parse(lines[1]).get("route").asText());
    }

    @Test
    void writeTo_shouldHandAPrintStreamSubclassEachLineThroughPrintln_asTheLocalTeeExpects() {
        List<String> printedLines = new ArrayList<>();
        PrintStream tee =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8) {
                    @Override
                    public void println(String line) {
                        printedLines.add(line);
                    }
                };
        Metrics metrics =
                new Metrics(
                        "gift-redeem",
                        tee,
                        Clock.fixed(Instant.ofEpochMilli(1_000L), ZoneOffset.UTC));
        metrics.count("GiftsRedeemed");
        new Log("gift-redeem", tee).info("request", Map.of("status", 200));

        assertEquals(2, printedLines.size());
        assertEquals(
                ReferenceLogLines.metricLine(
                        1_000L, "gift-redeem", "GiftsRedeemed", null, null, null),
                printedLines.get(0));
        assertTrue(printedLines.get(0).startsWith("{\"_aws\":"));
        assertEquals(200, Json.parse(printedLines.get(1)).get("status").asInt());
    }

    @Test
    void lines_shouldStayWhole_whenThreadsWriteToOneStreamAtOnce() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PrintStream out = utf8(written);
        Log log = new Log("stripe-webhook", out);
        Metrics metrics = new Metrics("stripe-webhook", out, Clock.systemUTC());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(
                        threads.submit(
                                () -> {
                                    for (int i = 0; i < 500; i++) {
                                        log.info(
                                                "request",
                                                Map.of("thread", thread, "i", i, "x", "\u00e9"));
                                        metrics.count("WebhooksAccepted", "Kind", "t" + thread);
                                    }
                                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        List<String> seen = new ArrayList<>();
        int metricLines = 0;
        for (String line : written.toString(StandardCharsets.UTF_8).split(SEPARATOR)) {
            var json = Json.parse(line);
            if (json.has("_aws")) {
                metricLines++;
            } else {
                seen.add(json.get("thread").asInt() + "/" + json.get("i").asInt());
            }
        }
        assertEquals(2_000, metricLines);
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            for (int i = 0; i < 500; i++) {
                expected.add(t + "/" + i);
            }
        }
        Collections.sort(seen);
        Collections.sort(expected);
        assertEquals(expected, seen);
    }

    @Test
    void log_shouldWriteToTheStandardOutputItWasBuiltWith_soATestThatSwapsItSeesTheLines() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = utf8(captured);
        Log log;
        Metrics metrics;
        try {
            System.setOut(capture);
            log = new Log("membership-stats");
            metrics = new Metrics("membership-stats");
            log.info("request", Map.of("status", 200));
            metrics.count("StatsRead");
        } finally {
            System.setOut(original);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).split(SEPARATOR);
        assertEquals(2, lines.length);
        assertEquals("request", Json.parse(lines[0]).get("message").asText());
        assertEquals(1, Json.parse(lines[1]).get("StatsRead").asInt());
    }

    @Test
    void invocation_shouldBeColdOnlyOnce_andCloseShouldRestoreWhatWasOpenBefore() {
        Invocation.Tracker tracker = new Invocation.Tracker();
        assertNull(Invocation.current());
        try (Invocation first = tracker.begin(null)) {
            assertTrue(first.coldStart());
            assertSame(first, Invocation.current());
            try (Invocation nested = new Invocation.Tracker().begin(null)) {
                assertSame(nested, Invocation.current());
            }
            assertSame(first, Invocation.current());
        }
        assertNull(Invocation.current());
        for (int i = 0; i < 3; i++) {
            try (Invocation warm = tracker.begin(null)) {
                assertFalse(warm.coldStart());
            }
            assertNull(Invocation.current());
        }
    }

    @Test
    void aLineAbandonedByAFailingValue_shouldLeaveTheThreadsBufferFree() {
        JsonLine kept = JsonLine.start();
        kept.text();
        Log log =
                new Log(
                        "test",
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Object unprintable =
                new Object() {
                    @Override
                    public String toString() {
                        throw new IllegalStateException("no text");
                    }
                };

        assertThrows(
                IllegalStateException.class, () -> log.info("x", Map.of("value", unprintable)));

        JsonLine next = JsonLine.start();
        assertSame(kept, next, "the thread's own buffer, free again");
        next.text();
    }
}

package org.newsroom.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @Test
    void instantsAsWritten_shouldReadBackAsInstantParseReadsThem() {
        Random random = new Random(11);
        long from = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long seconds = from + (long) (random.nextDouble() * (to - from));
            int nanos =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertEquals(Instant.parse(text), Timestamps.parse(text), text);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z",
                "2000-02-29T12:00:00Z",
                "2024-02-29T23:59:59.5Z",
                "2100-03-01T00:00:00.000Z",
                "2026-11-29T15:51:13.1234Z",
                "2026-11-29t15:51:13z",
                "2026-12-31T23:59:60Z",
                "2026-11-29T24:00:00Z",
                "2026-11-29T15:51:13.Z",
                "+12026-11-29T15:51:13Z",
                "2026-11-29T15:51:13+01:00"
            })
    void acceptedForms_shouldMatchInstantParse(String text) {
        assertEquals(Instant.parse(text), Timestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2023-02-29T00:00:00Z",
                "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z",
                "2026-04-31T00:00:00Z",
                "2026-11-29T25:00:00Z",
                "2026-11-29T15:61:00Z",
                "2026-11-29T15:51:60Z",
                "2026-11-29T15:51:13.1234567890Z",
                "2026-11-29 15:51:13Z",
                "2026-11-29T15:51:13",
                "2026-1a-29T15:51:13Z",
                "",
                "yesterday"
            })
    void refusedForms_shouldThrowAsInstantParseDoes(String text) {
        DateTimeException expected =
                assertThrows(DateTimeException.class, () -> Instant.parse(text));
        DateTimeException actual =
                assertThrows(DateTimeException.class, () -> Timestamps.parse(text));
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    @Test
    void format_shouldWriteWhatInstantToStringWrites_overManyInstants() {
        Random random = new Random(29);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 300_000; i++) {
            long seconds = from + (long) (random.nextDouble() * (to - from));
            int nanos =
                    switch (i % 5) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        case 3 -> random.nextInt(10) * 100_000_000;
                        default -> random.nextInt(1_000_000_000);
                    };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(instant.toString(), Timestamps.format(instant));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z",
                "0000-01-01T00:00:00Z",
                "0000-02-29T23:59:59Z",
                "9999-12-31T23:59:59.999999999Z",
                "1900-02-28T00:00:00.001Z",
                "2000-02-29T12:00:00.000001Z",
                "2026-11-29T15:51:13.250Z",
                "2100-03-01T00:00:00Z",
                "-0001-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z",
                "-1000000000-01-01T00:00:00Z",
                "+1000000000-12-31T23:59:59.999999999Z"
            })
    void format_shouldWriteWhatInstantToStringWrites_atTheEdges(String text) {
        Instant instant = Instant.parse(text);
        assertEquals(instant.toString(), Timestamps.format(instant));
    }
}

package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.ProblemException;

class SendRequestTest {

    private static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");

    @Test
    void parse_shouldSendNow_whenThereIsNoBodyOrNoSendAt() {
        SendRequest now = new SendRequest(Optional.empty());

        assertEquals(now, SendRequest.parse(TestRequests.body(null, null), NOW));
        assertEquals(now, SendRequest.parse(TestRequests.body(null, ""), NOW));
        assertEquals(now, SendRequest.parse(TestRequests.json("{}"), NOW));
        assertEquals(now, SendRequest.parse(TestRequests.json("{\"sendAt\":null}"), NOW));
    }

    @Test
    void parse_shouldSchedule_whenSendAtIsAFutureTimeWithinAYear() {
        assertEquals(
                Optional.of(Instant.parse("2026-12-02T07:00:00Z")),
                SendRequest.parse(TestRequests.json("{\"sendAt\":\"2026-12-02T07:00:00Z\"}"), NOW)
                        .sendAt());
        Instant furthest = NOW.plus(SendRequest.FURTHEST);
        assertEquals(
                Optional.of(furthest),
                SendRequest.parse(TestRequests.json("{\"sendAt\":\"" + furthest + "\"}"), NOW)
                        .sendAt());
    }

    @Test
    void parse_shouldAnswer400OnSendAt_whenGarbledPastNowOrTooFarAhead() {
        String tooFar = NOW.plus(SendRequest.FURTHEST).plusSeconds(1).toString();
        for (String sendAt :
                new String[] {
                    "\"tomorrow\"",
                    "42",
                    "\"2020-01-01T00:00:00Z\"",
                    "\"" + NOW + "\"",
                    "\"" + tooFar + "\""
                }) {
            ProblemException e =
                    assertThrows(
                            ProblemException.class,
                            () ->
                                    SendRequest.parse(
                                            TestRequests.json("{\"sendAt\":" + sendAt + "}"), NOW),
                            sendAt);
            assertEquals(400, TestRequests.status(e));
            assertEquals("sendAt", e.problem().errors().get(0).field());
        }
    }

    @Test
    void parse_shouldAnswer415_forABodyThatIsNotJson() {
        ProblemException e =
                assertThrows(
                        ProblemException.class,
                        () -> SendRequest.parse(TestRequests.body("text/plain", "now"), NOW));
        assertEquals(415, TestRequests.status(e));
    }
}

package org.newsroom.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SendJobTest {

    @Test
    void testCopy_shouldSurviveTheQueue_namingItsRequestAndNoAddress() {
        SendJob job = SendJob.testCopy("daily-briefing", "20261201t065500z-abc123", "k3v9q2m7");

        String body = job.toJson();
        SendJob read = SendJob.parse(body);

        assertEquals(job, read);
        assertEquals(SendJob.Kind.TEST_COPY, read.kind());
        assertEquals("k3v9q2m7", read.copyId());
        assertFalse(body.contains("@"), body);
    }

    @Test
    void parse_shouldRefuseATestCopy_thatNamesNoRequest() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        SendJob.parse(
                                "{\"kind\":\"test_copy\",\"newsletter\":\"daily-briefing\","
                                        + "\"issueId\":\"20261201t065500z-abc123\"}"));
    }
}

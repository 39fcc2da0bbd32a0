package org.newsroom.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class IssueStatusTest {

    @Test
    void code_shouldBeTheNameInLowerCase_andReadBack() {
        for (IssueStatus status : IssueStatus.values()) {
            assertEquals(status.name().toLowerCase(Locale.ROOT), status.code());
            assertEquals(status, IssueStatus.fromCode(status.code()));
        }
        assertEquals("scheduled", IssueStatus.SCHEDULED.code());
    }
}

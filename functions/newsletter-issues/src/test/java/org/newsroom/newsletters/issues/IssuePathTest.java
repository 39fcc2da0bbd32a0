package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.ProblemException;
import org.newsroom.issues.IssueNotFoundException;

class IssuePathTest {

    private static final String ISSUE_ID = "20261201t065500z-abc123";

    @Test
    void of_shouldGiveBothIds_whenWellFormed() {
        IssuePath path =
                IssuePath.of(
                        TestRequests.path(Map.of("id", "daily-briefing", "issueId", ISSUE_ID)));

        assertEquals(new IssuePath("daily-briefing", ISSUE_ID), path);
    }

    @Test
    void of_shouldThrowNotFound_whenEitherIdIsMalformedOrMissing() {
        for (Map<String, String> parameters :
                List.of(
                        Map.of("id", "daily-briefing", "issueId", "../../etc"),
                        Map.of("id", "daily-briefing", "issueId", ISSUE_ID.toUpperCase()),
                        Map.of("id", "Daily Briefing", "issueId", ISSUE_ID),
                        Map.of("id", "daily-briefing"),
                        Map.<String, String>of())) {
            assertThrows(
                    IssueNotFoundException.class,
                    () -> IssuePath.of(TestRequests.path(parameters)),
                    parameters.toString());
        }
    }

    @Test
    void newsletterId_shouldAnswer404_whenMalformed() {
        assertEquals(
                "daily-briefing",
                IssuePath.newsletterId(TestRequests.path(Map.of("id", "daily-briefing"))));
        ProblemException e =
                assertThrows(
                        ProblemException.class,
                        () -> IssuePath.newsletterId(TestRequests.path(Map.of("id", "../x"))));
        assertEquals(404, TestRequests.status(e));
        assertEquals("No such newsletter.", e.problem().detail());
    }
}

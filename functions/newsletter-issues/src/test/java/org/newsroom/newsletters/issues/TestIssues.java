package org.newsroom.newsletters.issues;

import java.time.Instant;
import java.util.Optional;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueCounts;
import org.newsroom.issues.IssueStatus;

/** Issues built in code for the tests of one class at a time. */
final class TestIssues {

    static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");
    static final String ISSUE_ID = "20261201t065500z-abc123";

    private TestIssues() {}

    /** A daily-briefing issue with subject "Tuesday", created and updated {@link #NOW}. */
    static Issue issue(IssueStatus status, Optional<Instant> sendAt) {
        return new Issue(
                "daily-briefing",
                ISSUE_ID,
                "The Daily Briefing",
                "Tuesday",
                status,
                NOW,
                NOW,
                sendAt,
                Optional.empty(),
                Optional.empty(),
                new IssueCounts(5, 3, 1, 1, 0),
                0,
                false);
    }
}

package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.newsroom.core.http.Problem;
import org.newsroom.issues.IssueStatus;

class IssueProblemsTest {

    @Test
    void notEditable_shouldAnswer409_namingTheIssuesStatus() {
        Problem problem = IssueProblems.notEditable(IssueStatus.SENDING);

        assertEquals(409, problem.status());
        assertEquals("urn:newsroom:problem:issue-not-editable", problem.type());
        assertTrue(problem.detail().startsWith("The issue is sending;"), problem.detail());
    }
}

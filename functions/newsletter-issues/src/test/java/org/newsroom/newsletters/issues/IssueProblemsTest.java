package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.newsroom.core.http.Problem;
import org.newsroom.issues.IssueStatus;
import org.newsroom.mail.MailException;

class IssueProblemsTest {

    @Test
    void notEditable_shouldAnswer409_namingTheIssuesStatus() {
        Problem problem = IssueProblems.notEditable(IssueStatus.SENDING);

        assertEquals(409, problem.status());
        assertEquals("urn:newsroom:problem:issue-not-editable", problem.type());
        assertTrue(problem.detail().startsWith("The issue is sending;"), problem.detail());
    }

    @Test
    void testNotSent_shouldAnswer503_whenTheMailServiceMayTakeItLater() {
        Problem problem = IssueProblems.testNotSent(new MailException("throttled", true, null));

        assertEquals(Problem.unavailable(), problem);
    }

    @Test
    void testNotSent_shouldAnswer422_withoutTheServicesMessage_whenRefused() {
        Problem problem =
                IssueProblems.testNotSent(
                        new MailException("Address blacklisted: editor@example.org", false, null));

        assertEquals(422, problem.status());
        assertEquals("urn:newsroom:problem:test-rejected", problem.type());
        assertFalse(problem.toJson().contains("editor@example.org"));
    }
}

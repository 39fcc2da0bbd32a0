package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueStatus;

class IssuePagesTest {

    @Test
    void web_shouldAnswer200Html_cacheableByAnyone() {
        HttpResponse page =
                IssuePages.web(
                        "The Ledger",
                        TestIssues.issue(IssueStatus.SENT, Optional.empty()),
                        new IssueContent("Tuesday", "", "<p>Hi</p>", "Hi"));

        assertEquals(200, page.status());
        assertEquals(HttpResponse.HTML, page.header("Content-Type"));
        assertEquals("public, max-age=300", page.header("Cache-Control"));
        assertTrue(page.body().contains("<p>Hi</p>"));
    }
}

package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.newsroom.newsletters.issues.TestIssues.ISSUE_ID;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.ProblemException;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueNotFoundException;
import org.newsroom.issues.IssueStatus;
import org.newsroom.subscriptions.Newsletter;

class IssueLookupTest {

    private static final Newsletter DAILY =
            new Newsletter("daily-briefing", "The Daily Briefing", "", "daily", true, 1);

    private final IssueService service = mock(IssueService.class);
    private final IssueLookup lookup = new IssueLookup(() -> List.of(DAILY), service);

    @Test
    void newsletter_shouldFindItInTheCatalogue_orAnswer404() {
        assertSame(DAILY, lookup.newsletter(TestRequests.path(Map.of("id", "daily-briefing"))));

        ProblemException e =
                assertThrows(
                        ProblemException.class,
                        () -> lookup.newsletter(TestRequests.path(Map.of("id", "weekly"))));
        assertEquals(404, TestRequests.status(e));
    }

    @Test
    void issue_shouldFindIt_orThrowNotFound() {
        Issue draft = TestIssues.issue(IssueStatus.DRAFT, Optional.empty());
        when(service.find("daily-briefing", ISSUE_ID)).thenReturn(Optional.of(draft));

        assertSame(
                draft,
                lookup.issue(
                        TestRequests.path(Map.of("id", "daily-briefing", "issueId", ISSUE_ID))));
        assertThrows(
                IssueNotFoundException.class,
                () ->
                        lookup.issue(
                                TestRequests.path(
                                        Map.of(
                                                "id",
                                                "daily-briefing",
                                                "issueId",
                                                "20261201t065500z-zzz999"))));
    }

    @Test
    void issue_shouldNotLookUpAMalformedId() {
        IssueService untouched = mock(IssueService.class);
        IssueLookup strict = new IssueLookup(() -> List.of(DAILY), untouched);

        assertThrows(
                IssueNotFoundException.class,
                () ->
                        strict.issue(
                                TestRequests.path(Map.of("id", "daily-briefing", "issueId", "x"))));
        verifyNoInteractions(untouched);
    }

    @Test
    void content_shouldFindIt_orThrowNotFound() {
        Issue draft = TestIssues.issue(IssueStatus.DRAFT, Optional.empty());
        IssueContent content = new IssueContent("Tuesday", "", "<p>Hi</p>", "Hi");
        when(service.content("daily-briefing", ISSUE_ID))
                .thenReturn(Optional.of(content))
                .thenReturn(Optional.empty());

        assertSame(content, lookup.content(draft));
        assertThrows(IssueNotFoundException.class, () -> lookup.content(draft));
    }
}

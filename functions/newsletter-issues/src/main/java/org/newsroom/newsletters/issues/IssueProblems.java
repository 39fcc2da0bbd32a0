package org.newsroom.newsletters.issues;

import org.newsroom.core.http.Problem;
import org.newsroom.issues.IssueStatus;

/** The issues API's own refusals, beside the shared ones in {@link Problem}. */
final class IssueProblems {

    private IssueProblems() {}

    /** 409: the issue has gone past the states in which it may change. */
    static Problem notEditable(IssueStatus status) {
        return Problem.of(
                "issue-not-editable",
                "The issue can no longer be changed",
                409,
                "The issue is "
                        + status.code()
                        + "; only drafts and scheduled issues can be edited.");
    }
}

package org.newsroom.newsletters.issues;

import org.newsroom.core.http.Problem;
import org.newsroom.issues.IssueStatus;
import org.newsroom.mail.MailException;

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

    /**
     * Why a test copy did not go: 503 when the mail service may take it on a retry, else 422, since
     * the service refused this address. The exception's message is never shown.
     */
    static Problem testNotSent(MailException e) {
        if (e.retryable()) {
            return Problem.unavailable();
        }
        return Problem.of(
                "test-rejected",
                "The test copy was refused",
                422,
                "The mail service refused the test copy; check the address.");
    }
}

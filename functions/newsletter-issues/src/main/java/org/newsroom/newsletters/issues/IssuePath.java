package org.newsroom.newsletters.issues;

import java.util.regex.Pattern;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.issues.IssueNotFoundException;
import org.newsroom.subscriptions.Newsletter;

/**
 * The ids in an issues route's path, checked before anything is looked up: a malformed id is
 * answered exactly as an unknown one, so nothing but well-formed ids reaches the tables.
 */
record IssuePath(String newsletter, String issueId) {

    /** The shape of the ids {@link IssueService} gives new issues. */
    private static final Pattern ISSUE_ID = Pattern.compile("[0-9]{8}t[0-9]{6}z-[a-z0-9]{6}");

    /**
     * The newsletter id of a route on a newsletter.
     *
     * @throws ProblemException 404 when the id is malformed
     */
    static String newsletterId(HttpRequest request) {
        String id = request.pathParameter("id").orElse("");
        if (!Newsletter.isValidId(id)) {
            throw new ProblemException(Problem.notFound("No such newsletter."));
        }
        return id;
    }

    /**
     * The newsletter and issue ids of a route on one issue.
     *
     * @throws IssueNotFoundException when either id is malformed
     */
    static IssuePath of(HttpRequest request) {
        String newsletter = request.pathParameter("id").orElse("");
        String issueId = request.pathParameter("issueId").orElse("");
        if (!Newsletter.isValidId(newsletter) || !ISSUE_ID.matcher(issueId).matches()) {
            throw new IssueNotFoundException();
        }
        return new IssuePath(newsletter, issueId);
    }
}

package org.newsroom.newsletters.issues;

import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueNotFoundException;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.NewsletterCatalogue;

/**
 * The newsletter or issue a route's path names, looked up once its ids are checked by {@link
 * IssuePath}. Whatever is missing, malformed or unknown, the answer is the same 404.
 */
final class IssueLookup {

    private final NewsletterCatalogue catalogue;
    private final IssueService service;

    IssueLookup(NewsletterCatalogue catalogue, IssueService service) {
        this.catalogue = catalogue;
        this.service = service;
    }

    /**
     * The newsletter in the path.
     *
     * @throws ProblemException 404 when the id is malformed or not in the catalogue
     */
    Newsletter newsletter(HttpRequest request) {
        return catalogue
                .find(IssuePath.newsletterId(request))
                .orElseThrow(() -> new ProblemException(Problem.notFound("No such newsletter.")));
    }

    /**
     * The issue in the path.
     *
     * @throws IssueNotFoundException when either id is malformed or the issue does not exist
     */
    Issue issue(HttpRequest request) {
        IssuePath path = IssuePath.of(request);
        return service.find(path.newsletter(), path.issueId())
                .orElseThrow(IssueNotFoundException::new);
    }

    /**
     * The issue's subject and bodies, stored apart from its summary.
     *
     * @throws IssueNotFoundException when they are gone
     */
    IssueContent content(Issue issue) {
        return service.content(issue.newsletter(), issue.issueId())
                .orElseThrow(IssueNotFoundException::new);
    }
}

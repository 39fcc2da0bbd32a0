package org.newsroom.newsletters.issues;

import org.newsroom.core.http.HttpResponse;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueEmail;

/** The public page of an issue that has started sending: the same for every reader. */
final class IssuePages {

    /** The page is the same for every reader, so shared caches may keep it. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private IssuePages() {}

    /** 200 with the issue as a web page, without any reader's personal links. */
    static HttpResponse web(String publisher, Issue issue, IssueContent content) {
        return HttpResponse.html(200, IssueEmail.webPage(publisher, issue, content))
                .withHeader("Cache-Control", CACHE_CONTROL);
    }
}

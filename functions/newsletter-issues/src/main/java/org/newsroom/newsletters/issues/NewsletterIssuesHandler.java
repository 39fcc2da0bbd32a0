package org.newsroom.newsletters.issues;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.priming.ClassPreload;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueNotEditableException;
import org.newsroom.issues.IssueNotFoundException;
import org.newsroom.issues.SendQueueException;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.NewsletterCatalogue;

/**
 * The issues API. Admin routes (IAM on AWS, the bearer token locally): {@code POST
 * /newsletters/{id}/issues}, {@code GET /newsletters/{id}/issues}, {@code GET|PUT
 * /newsletters/{id}/issues/{issueId}}, {@code POST .../test}, {@code POST .../send}. Public: {@code
 * GET .../web}, the issue as a page once it has started sending.
 */
public final class NewsletterIssuesHandler extends ApiHandler {

    static {
        // Before anything else: the classes of a cold start load on a second thread from here on.
        ClassPreload.start(NewsletterIssuesHandler.class);
    }

    private final IssueService service;
    private final IssueLookup lookup;
    private final LinkBase links;
    private final IssueJson json;
    private final String publisher;
    private final Clock clock;
    private final Metrics metrics;

    /** Used by Lambda. */
    public NewsletterIssuesHandler() {
        this(System.getenv());
        NewsletterIssuesPriming.register(this, System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public NewsletterIssuesHandler(Map<String, String> environment) {
        this(
                NewsletterIssuesDependencies.create(
                        NewsletterIssuesSettings.from(Config.from(environment))));
    }

    private NewsletterIssuesHandler(NewsletterIssuesDependencies deployed) {
        this(
                deployed.service(),
                deployed.catalogue(),
                deployed.publicApiUrl(),
                deployed.publisher(),
                deployed.clock(),
                deployed.log(),
                deployed.metrics());
    }

    /** For tests: every collaborator given. */
    NewsletterIssuesHandler(
            IssueService service,
            NewsletterCatalogue catalogue,
            Optional<String> publicApiUrl,
            String publisher,
            Clock clock,
            Log log,
            Metrics metrics) {
        super(log);
        this.service = service;
        this.lookup = new IssueLookup(catalogue, service);
        this.links = new LinkBase(publicApiUrl);
        this.json = new IssueJson(links);
        this.publisher = publisher;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        try {
            return switch (request.routeKey()) {
                case "POST /newsletters/{id}/issues" -> create(request);
                case "GET /newsletters/{id}/issues" -> list(request);
                case "GET /newsletters/{id}/issues/{issueId}" -> {
                    Issue issue = lookup.issue(request);
                    yield json.issue(issue, lookup.content(issue), request);
                }
                case "PUT /newsletters/{id}/issues/{issueId}" -> edit(request);
                case "POST /newsletters/{id}/issues/{issueId}/test" -> test(request);
                case "POST /newsletters/{id}/issues/{issueId}/send" -> send(request);
                case "GET /newsletters/{id}/issues/{issueId}/web" -> web(request);
                default -> Problem.notFound("No such route.").toResponse();
            };
        } catch (IssueNotFoundException e) {
            return Problem.notFound("No such issue.").toResponse();
        } catch (IssueNotEditableException e) {
            return IssueProblems.notEditable(e.status()).toResponse();
        } catch (SendQueueException e) {
            // A send or a test copy the queue did not take: asking again is safe.
            log().error("send queue unavailable", Map.of("route", request.routeKey()), e);
            return Problem.unavailable().toResponse();
        }
    }

    private HttpResponse create(HttpRequest request) {
        Newsletter newsletter = lookup.newsletter(request);
        IssueContent content = IssueInput.parse(request);
        return json.created(service.create(newsletter, content, clock.instant()), request);
    }

    private HttpResponse list(HttpRequest request) {
        Newsletter newsletter = lookup.newsletter(request);
        IssueListRequest page = IssueListRequest.parse(request);
        return json.page(service.list(newsletter.id(), page.limit(), page.cursor()), request);
    }

    private HttpResponse edit(HttpRequest request) {
        Issue issue = lookup.issue(request);
        IssueContent content = IssueInput.parse(request);
        Issue after = service.edit(issue.newsletter(), issue.issueId(), content, clock.instant());
        return json.issue(after, request);
    }

    /** Queued for the issue sender, which renders and sends the copy (README, Test copies). */
    private HttpResponse test(HttpRequest request) {
        Issue issue = lookup.issue(request);
        TestCopyRequest copy = TestCopyRequest.parse(request);
        service.requestTestCopy(issue, copy.to(), clock.instant());
        metrics.count("IssueTestCopiesQueued");
        return IssueJson.testQueued(issue);
    }

    private HttpResponse send(HttpRequest request) {
        Issue issue = lookup.issue(request);
        SendRequest when = SendRequest.parse(request, clock.instant());
        return IssueJson.sendAccepted(
                service.send(issue.newsletter(), issue.issueId(), when.sendAt(), clock.instant()));
    }

    private HttpResponse web(HttpRequest request) {
        Issue issue = lookup.issue(request);
        if (!issue.status().started()) {
            throw new IssueNotFoundException();
        }
        return IssuePages.web(publisher, issue, lookup.content(issue));
    }
}

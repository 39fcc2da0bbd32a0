package org.newsroom.newsletters.issues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.newsroom.core.config.Config;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.FieldError;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.issues.DynamoDbIssueRepository;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueEmail;
import org.newsroom.issues.IssueNotEditableException;
import org.newsroom.issues.IssueNotFoundException;
import org.newsroom.issues.IssuePage;
import org.newsroom.mail.MailException;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.NewsletterCatalogue;

/**
 * The issues API. Admin routes (IAM on AWS, the bearer token locally): {@code POST
 * /newsletters/{id}/issues}, {@code GET /newsletters/{id}/issues}, {@code GET|PUT
 * /newsletters/{id}/issues/{issueId}}, {@code POST .../test}, {@code POST .../send}. Public: {@code
 * GET .../web}, the issue as a page once it has started sending.
 */
public final class NewsletterIssuesHandler extends ApiHandler {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    private static final Pattern ISSUE_ID = Pattern.compile("[0-9]{8}t[0-9]{6}z-[a-z0-9]{6}");
    private static final int SMALL_BODY = 4 * 1024;

    private final IssueService service;
    private final NewsletterCatalogue catalogue;
    private final Optional<String> publicApiUrl;
    private final String publisher;
    private final Clock clock;
    private final Metrics metrics;

    /** Used by Lambda. */
    public NewsletterIssuesHandler() {
        this(System.getenv());
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
        this.publicApiUrl = publicApiUrl.map(u -> u.replaceAll("/+$", ""));
        this.service = service;
        this.catalogue = catalogue;
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
                case "GET /newsletters/{id}/issues/{issueId}" -> get(request);
                case "PUT /newsletters/{id}/issues/{issueId}" -> edit(request);
                case "POST /newsletters/{id}/issues/{issueId}/test" -> test(request);
                case "POST /newsletters/{id}/issues/{issueId}/send" -> send(request);
                case "GET /newsletters/{id}/issues/{issueId}/web" -> web(request);
                default -> Problem.notFound("No such route.").toResponse();
            };
        } catch (IssueNotFoundException e) {
            return Problem.notFound("No such issue.").toResponse();
        } catch (IssueNotEditableException e) {
            return Problem.of(
                            "issue-not-editable",
                            "The issue can no longer be changed",
                            409,
                            "The issue is "
                                    + e.status().code()
                                    + "; only drafts and scheduled issues can be edited.")
                    .toResponse();
        }
    }

    private HttpResponse create(HttpRequest request) {
        Newsletter newsletter = newsletter(request);
        IssueContent content = IssueInput.parse(request);
        Issue draft = service.create(newsletter, content, clock.instant());
        ObjectNode body = summary(draft, request);
        return HttpResponse.json(201, body.toString())
                .withHeader(
                        "Location",
                        "/newsletters/" + draft.newsletter() + "/issues/" + draft.issueId());
    }

    private HttpResponse list(HttpRequest request) {
        Newsletter newsletter = newsletter(request);
        int limit = DEFAULT_PAGE;
        Optional<String> limitText = request.query("limit");
        if (limitText.isPresent()) {
            try {
                limit = Integer.parseInt(limitText.get());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE) {
                throw new ProblemException(
                        Problem.validation(
                                List.of(
                                        new FieldError(
                                                "limit",
                                                "The limit must be a whole number from 1 to "
                                                        + MAX_PAGE
                                                        + "."))));
            }
        }
        Optional<String> cursor = request.query("cursor");
        if (cursor.isPresent() && !DynamoDbIssueRepository.isValidCursor(cursor.get())) {
            throw new ProblemException(
                    Problem.validation(
                            List.of(new FieldError("cursor", "The cursor is not valid."))));
        }
        IssuePage page = service.list(newsletter.id(), limit, cursor);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("issues");
        page.issues().forEach(i -> items.add(summary(i, request)));
        if (page.next().isPresent()) {
            body.put("next", page.next().get());
        } else {
            body.putNull("next");
        }
        return HttpResponse.json(200, body.toString());
    }

    private HttpResponse get(HttpRequest request) {
        Issue issue = issue(request);
        IssueContent content =
                service.content(issue.newsletter(), issue.issueId())
                        .orElseThrow(IssueNotFoundException::new);
        ObjectNode body = summary(issue, request);
        body.put("preheader", content.preheader());
        body.put("html", content.html());
        body.put("text", content.text());
        return HttpResponse.json(200, body.toString());
    }

    private HttpResponse edit(HttpRequest request) {
        Issue issue = issue(request);
        IssueContent content = IssueInput.parse(request);
        return HttpResponse.json(
                200,
                summary(
                                service.edit(
                                        issue.newsletter(),
                                        issue.issueId(),
                                        content,
                                        clock.instant()),
                                request)
                        .toString());
    }

    private HttpResponse test(HttpRequest request) {
        Issue issue = issue(request);
        JsonNode body = smallJson(request);
        JsonNode email = body.get("email");
        Optional<EmailAddress> to =
                email != null && email.isTextual()
                        ? EmailAddress.parse(email.asText())
                        : Optional.empty();
        if (to.isEmpty()) {
            throw new ProblemException(
                    Problem.validation(
                            List.of(
                                    new FieldError(
                                            "email", "Please enter a correct email address."))));
        }
        IssueContent content =
                service.content(issue.newsletter(), issue.issueId())
                        .orElseThrow(IssueNotFoundException::new);
        try {
            service.sendTest(issue, content, to.get(), linkBase(request), clock.instant());
        } catch (MailException e) {
            metrics.count("IssueTestEmailsFailed");
            if (e.retryable()) {
                return Problem.unavailable().toResponse();
            }
            throw new ProblemException(
                    Problem.of(
                            "test-rejected",
                            "The test copy was refused",
                            422,
                            "The mail service refused the test copy; check the address."));
        }
        metrics.count("IssueTestEmailsSent");
        ObjectNode answer = Json.object();
        answer.put("issueId", issue.issueId());
        answer.put("sent", 1);
        return HttpResponse.json(202, answer.toString());
    }

    private HttpResponse send(HttpRequest request) {
        Issue issue = issue(request);
        Optional<Instant> sendAt = Optional.empty();
        if (request.bodyBytes().length > 0) {
            JsonNode body = smallJson(request);
            JsonNode at = body.get("sendAt");
            if (at != null && !at.isNull()) {
                Instant now = clock.instant();
                Instant parsed = null;
                try {
                    parsed = at.isTextual() ? Instant.parse(at.asText()) : null;
                } catch (DateTimeParseException e) {
                    parsed = null;
                }
                if (parsed == null
                        || !parsed.isAfter(now)
                        || parsed.isAfter(now.plus(java.time.Duration.ofDays(366)))) {
                    throw new ProblemException(
                            Problem.validation(
                                    List.of(
                                            new FieldError(
                                                    "sendAt",
                                                    "sendAt must be a future time within a year, such as 2026-12-01T07:00:00Z."))));
                }
                sendAt = Optional.of(parsed);
            }
        }
        Issue after = service.send(issue.newsletter(), issue.issueId(), sendAt, clock.instant());
        ObjectNode body = Json.object();
        body.put("issueId", after.issueId());
        body.put("status", after.status().code());
        after.sendAt().ifPresent(t -> body.put("sendAt", t.toString()));
        return HttpResponse.json(202, body.toString());
    }

    private HttpResponse web(HttpRequest request) {
        Issue issue = issue(request);
        if (!issue.status().started()) {
            throw new ProblemException(Problem.notFound("No such issue."));
        }
        IssueContent content =
                service.content(issue.newsletter(), issue.issueId())
                        .orElseThrow(IssueNotFoundException::new);
        return HttpResponse.html(200, IssueEmail.webPage(publisher, issue, content))
                .withHeader("Cache-Control", "public, max-age=300");
    }

    private Newsletter newsletter(HttpRequest request) {
        String id = request.pathParameter("id").orElse("");
        if (!Newsletter.isValidId(id)) {
            throw new ProblemException(Problem.notFound("No such newsletter."));
        }
        return catalogue
                .find(id)
                .orElseThrow(() -> new ProblemException(Problem.notFound("No such newsletter.")));
    }

    private Issue issue(HttpRequest request) {
        String newsletter = request.pathParameter("id").orElse("");
        String issueId = request.pathParameter("issueId").orElse("");
        if (!Newsletter.isValidId(newsletter) || !ISSUE_ID.matcher(issueId).matches()) {
            throw new IssueNotFoundException();
        }
        return service.find(newsletter, issueId).orElseThrow(IssueNotFoundException::new);
    }

    private static JsonNode smallJson(HttpRequest request) {
        if (!request.mediaType().equals("application/json")) {
            throw new ProblemException(Problem.unsupportedMediaType("application/json"));
        }
        JsonNode body = Json.parse(request.bodyText(SMALL_BODY));
        if (!body.isObject()) {
            throw new ProblemException(Problem.badRequest("The body must be a JSON object."));
        }
        return body;
    }

    /** The configured public URL, else the host this request came in on. */
    private String linkBase(HttpRequest request) {
        return publicApiUrl.orElseGet(
                () -> {
                    var context = request.event().getRequestContext();
                    String host =
                            context == null || context.getDomainName() == null
                                    ? "localhost"
                                    : context.getDomainName();
                    return "https://" + host;
                });
    }

    private ObjectNode summary(Issue issue, HttpRequest request) {
        ObjectNode node = Json.object();
        node.put("issueId", issue.issueId());
        node.put("newsletter", issue.newsletter());
        node.put("subject", issue.subject());
        node.put("status", issue.status().code());
        node.put("createdAt", issue.createdAt().toString());
        node.put("updatedAt", issue.updatedAt().toString());
        putInstant(node, "sendAt", issue.sendAt());
        putInstant(node, "startedAt", issue.startedAt());
        putInstant(node, "finishedAt", issue.finishedAt());
        node.put("recipients", issue.counts().recipients());
        node.put("sent", issue.counts().sent());
        node.put("failed", issue.counts().failed());
        node.put("suppressed", issue.counts().suppressed());
        node.put("skipped", issue.counts().skipped());
        node.put("webUrl", IssueService.webUrl(issue, linkBase(request)));
        return node;
    }

    private static void putInstant(ObjectNode node, String name, Optional<Instant> value) {
        if (value.isPresent()) {
            node.put(name, value.get().toString());
        } else {
            node.putNull(name);
        }
    }
}

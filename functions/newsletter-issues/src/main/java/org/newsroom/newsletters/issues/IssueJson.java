package org.newsroom.newsletters.issues;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonText;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.core.time.Timestamps;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueCounts;
import org.newsroom.issues.IssueEmail;
import org.newsroom.issues.IssuePage;

/**
 * The issues API's JSON answers. Every issue is shown as the same summary (status, times, counts
 * and its public {@code webUrl}); absent times are {@code null} rather than left out. Summaries are
 * assembled by hand as compact text, the bytes a tree of the same fields wrote (a tree and a
 * generator per draft showed in the warm path of creating one).
 */
final class IssueJson {

    /** Room for one summary with a long subject and link, so its builder need not grow. */
    private static final int SUMMARY_CAPACITY = 640;

    private final LinkBase links;

    IssueJson(LinkBase links) {
        this.links = links;
    }

    /** 201 with the new draft's summary and its {@code Location}. */
    HttpResponse created(Issue draft, HttpRequest request) {
        // Both headers at once: adding one to a built response copies its headers.
        return new HttpResponse(
                201,
                Map.of("content-type", HttpResponse.JSON, "location", location(draft)),
                List.of(),
                summary(new StringBuilder(SUMMARY_CAPACITY), draft, links.of(request))
                        .append('}')
                        .toString());
    }

    /** The new draft's path; appended by hand, as {@link IssueEmail#webPath} explains. */
    private static String location(Issue draft) {
        return new StringBuilder(24 + draft.newsletter().length() + draft.issueId().length())
                .append("/newsletters/")
                .append(draft.newsletter())
                .append("/issues/")
                .append(draft.issueId())
                .toString();
    }

    /** 200 with {@code {issues: [summary...], next}}; {@code next} is null on the last page. */
    HttpResponse page(IssuePage page, HttpRequest request) {
        String linkBase = links.of(request);
        StringBuilder body =
                new StringBuilder(32 + SUMMARY_CAPACITY * page.issues().size())
                        .append("{\"issues\":[");
        for (int i = 0; i < page.issues().size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            summary(body, page.issues().get(i), linkBase).append('}');
        }
        body.append("],\"next\":");
        JsonText.appendString(body, page.next().orElse(null));
        return HttpResponse.json(200, body.append('}').toString());
    }

    /** 200 with the issue's summary. */
    HttpResponse issue(Issue issue, HttpRequest request) {
        return HttpResponse.json(
                200,
                summary(new StringBuilder(SUMMARY_CAPACITY), issue, links.of(request))
                        .append('}')
                        .toString());
    }

    /** 200 with the issue's summary and its content. */
    HttpResponse issue(Issue issue, IssueContent content, HttpRequest request) {
        StringBuilder body =
                new StringBuilder(
                        SUMMARY_CAPACITY
                                + content.html().length()
                                + content.text().length()
                                + content.preheader().length());
        summary(body, issue, links.of(request)).append(",\"preheader\":");
        JsonText.appendString(body, content.preheader()).append(",\"html\":");
        JsonText.appendString(body, content.html()).append(",\"text\":");
        JsonText.appendString(body, content.text());
        return HttpResponse.json(200, body.append('}').toString());
    }

    /**
     * 202: the test copy is queued for the issue sender. {@code message} is for an editor's screen;
     * the copy usually arrives within a minute.
     */
    static HttpResponse testQueued(Issue issue) {
        ObjectNode body = Json.object();
        body.put("issueId", issue.issueId());
        body.put("status", "queued");
        body.put("message", "The test copy is on its way. It usually arrives within a minute.");
        return HttpResponse.json(202, body.toString());
    }

    /** 202 with the status the send left the issue in, and its time when scheduled. */
    static HttpResponse sendAccepted(Issue issue) {
        ObjectNode body = Json.object();
        body.put("issueId", issue.issueId());
        body.put("status", issue.status().code());
        issue.sendAt().ifPresent(t -> body.put("sendAt", t.toString()));
        return HttpResponse.json(202, body.toString());
    }

    /**
     * The summary's fields, object opened and left open for the caller to add to and close; the
     * text the project's generator wrote for the same fields ({@link JsonText} escapes as it does;
     * a timestamp's and a number's text need no escaping).
     */
    private static StringBuilder summary(StringBuilder json, Issue issue, String linkBase) {
        json.append("{\"issueId\":");
        JsonText.appendString(json, issue.issueId()).append(",\"newsletter\":");
        JsonText.appendString(json, issue.newsletter()).append(",\"subject\":");
        JsonText.appendString(json, issue.subject()).append(",\"status\":");
        JsonText.appendString(json, issue.status().code()).append(",\"createdAt\":\"");
        String createdAt = Timestamps.format(issue.createdAt());
        json.append(createdAt).append("\",\"updatedAt\":\"");
        // A new draft's two times are one: its text is written once.
        json.append(
                        issue.updatedAt().equals(issue.createdAt())
                                ? createdAt
                                : Timestamps.format(issue.updatedAt()))
                .append("\",\"sendAt\":");
        instant(json, issue.sendAt()).append(",\"startedAt\":");
        instant(json, issue.startedAt()).append(",\"finishedAt\":");
        instant(json, issue.finishedAt()).append(",\"recipients\":");
        IssueCounts counts = issue.counts();
        json.append(counts.recipients()).append(",\"sent\":").append(counts.sent());
        json.append(",\"failed\":").append(counts.failed());
        json.append(",\"suppressed\":").append(counts.suppressed());
        json.append(",\"skipped\":").append(counts.skipped()).append(",\"webUrl\":");
        return JsonText.appendString(json, IssueService.webUrl(issue, linkBase));
    }

    private static StringBuilder instant(StringBuilder json, Optional<Instant> value) {
        return value.isPresent()
                ? json.append('"').append(Timestamps.format(value.get())).append('"')
                : json.append("null");
    }
}

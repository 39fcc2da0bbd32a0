package org.newsroom.newsletters.issues;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.core.time.Timestamps;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssuePage;

/**
 * The issues API's JSON answers. Every issue is shown as the same summary (status, times, counts
 * and its public {@code webUrl}); absent times are {@code null} rather than left out.
 */
final class IssueJson {

    private final LinkBase links;

    IssueJson(LinkBase links) {
        this.links = links;
    }

    /** 201 with the new draft's summary and its {@code Location}. */
    HttpResponse created(Issue draft, HttpRequest request) {
        // Both headers at once: adding one to a built response copies its headers.
        return new HttpResponse(
                201,
                Map.of(
                        "content-type",
                        HttpResponse.JSON,
                        "location",
                        "/newsletters/" + draft.newsletter() + "/issues/" + draft.issueId()),
                List.of(),
                summary(draft, request).toString());
    }

    /** 200 with {@code {issues: [summary...], next}}; {@code next} is null on the last page. */
    HttpResponse page(IssuePage page, HttpRequest request) {
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

    /** 200 with the issue's summary. */
    HttpResponse issue(Issue issue, HttpRequest request) {
        return HttpResponse.json(200, summary(issue, request).toString());
    }

    /** 200 with the issue's summary and its content. */
    HttpResponse issue(Issue issue, IssueContent content, HttpRequest request) {
        ObjectNode body = summary(issue, request);
        body.put("preheader", content.preheader());
        body.put("html", content.html());
        body.put("text", content.text());
        return HttpResponse.json(200, body.toString());
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

    private ObjectNode summary(Issue issue, HttpRequest request) {
        ObjectNode node = Json.object();
        node.put("issueId", issue.issueId());
        node.put("newsletter", issue.newsletter());
        node.put("subject", issue.subject());
        node.put("status", issue.status().code());
        node.put("createdAt", Timestamps.format(issue.createdAt()));
        node.put("updatedAt", Timestamps.format(issue.updatedAt()));
        putInstant(node, "sendAt", issue.sendAt());
        putInstant(node, "startedAt", issue.startedAt());
        putInstant(node, "finishedAt", issue.finishedAt());
        node.put("recipients", issue.counts().recipients());
        node.put("sent", issue.counts().sent());
        node.put("failed", issue.counts().failed());
        node.put("suppressed", issue.counts().suppressed());
        node.put("skipped", issue.counts().skipped());
        node.put("webUrl", IssueService.webUrl(issue, links.of(request)));
        return node;
    }

    private static void putInstant(ObjectNode node, String name, Optional<Instant> value) {
        if (value.isPresent()) {
            node.put(name, Timestamps.format(value.get()));
        } else {
            node.putNull(name);
        }
    }
}

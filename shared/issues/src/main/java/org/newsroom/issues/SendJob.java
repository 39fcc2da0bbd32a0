package org.newsroom.issues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;

/**
 * One message of the send queue. Four kinds, handled by the issue sender:
 *
 * <ul>
 *   <li>{@code start}: begin sending an issue (at once, or wait for its scheduled time);
 *   <li>{@code page}: read one page of the audience from {@code cursor} and fan it out;
 *   <li>{@code batch}: send the issue to these address ids;
 *   <li>{@code test_copy}: send one test copy an editor asked for; {@code copy} names the request
 *       stored beside the issue ({@link IssueItems#testCopyKey}), which holds the address.
 * </ul>
 *
 * Messages carry address ids (digests) or request ids, never addresses: the queue and its
 * dead-letter queue hold no personal data.
 */
public record SendJob(
        Kind kind,
        String newsletter,
        String issueId,
        long page,
        Map<String, String> cursor,
        String batchId,
        List<String> addressIds) {

    public enum Kind {
        START,
        PAGE,
        BATCH,
        TEST_COPY
    }

    public SendJob {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(newsletter, "newsletter");
        Objects.requireNonNull(issueId, "issueId");
        cursor = cursor == null ? Map.of() : Map.copyOf(cursor);
        batchId = batchId == null ? "" : batchId;
        addressIds = addressIds == null ? List.of() : List.copyOf(addressIds);
    }

    public static SendJob start(String newsletter, String issueId) {
        return new SendJob(Kind.START, newsletter, issueId, 0, Map.of(), "", List.of());
    }

    public static SendJob page(
            String newsletter, String issueId, long page, Map<String, String> cursor) {
        return new SendJob(Kind.PAGE, newsletter, issueId, page, cursor, "", List.of());
    }

    public static SendJob batch(
            String newsletter, String issueId, String batchId, List<String> addressIds) {
        return new SendJob(Kind.BATCH, newsletter, issueId, 0, Map.of(), batchId, addressIds);
    }

    /**
     * A test copy of an issue: {@code copyId} names the request holding the editor's address
     * ({@link IssueRepository#requestTestCopy}).
     */
    public static SendJob testCopy(String newsletter, String issueId, String copyId) {
        return new SendJob(Kind.TEST_COPY, newsletter, issueId, 0, Map.of(), copyId, List.of());
    }

    /** The test-copy request a {@code test_copy} job names (kept in the batch id's place). */
    public String copyId() {
        return batchId;
    }

    public String toJson() {
        ObjectNode node = Json.object();
        node.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        node.put("newsletter", newsletter);
        node.put("issueId", issueId);
        if (kind == Kind.PAGE) {
            node.put("page", page);
            ObjectNode c = node.putObject("cursor");
            cursor.forEach(c::put);
        }
        if (kind == Kind.BATCH) {
            node.put("batch", batchId);
            ArrayNode to = node.putArray("to");
            addressIds.forEach(to::add);
        }
        if (kind == Kind.TEST_COPY) {
            node.put("copy", batchId);
        }
        return node.toString();
    }

    /** Parses a message body; throws {@link IllegalArgumentException} for anything else. */
    public static SendJob parse(String body) {
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a send job", e);
        }
        Kind kind;
        try {
            kind = Kind.valueOf(node.path("kind").asText("").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown send job kind", e);
        }
        String newsletter = node.path("newsletter").asText("");
        String issueId = node.path("issueId").asText("");
        if (newsletter.isEmpty() || issueId.isEmpty()) {
            throw new IllegalArgumentException("A send job names its newsletter and issue");
        }
        Map<String, String> cursor = new LinkedHashMap<>();
        node.path("cursor")
                .fields()
                .forEachRemaining(e -> cursor.put(e.getKey(), e.getValue().asText()));
        List<String> to = new ArrayList<>();
        node.path("to").forEach(a -> to.add(a.asText()));
        String copy = node.path("copy").asText("");
        if (kind == Kind.TEST_COPY && copy.isEmpty()) {
            throw new IllegalArgumentException("A test-copy job names its request");
        }
        return new SendJob(
                kind,
                newsletter,
                issueId,
                node.path("page").asLong(0),
                cursor,
                kind == Kind.TEST_COPY ? copy : node.path("batch").asText(""),
                to);
    }
}

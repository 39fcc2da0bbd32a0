package org.newsroom.core.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsroom.core.crypto.Digests;

/**
 * Strong entity tags and conditional GET (RFC 9110 section 13.1.2): a matching {@code
 * If-None-Match} turns a 200 into a 304 without a body.
 */
public final class Etags {

    private Etags() {}

    /** The last body tagged and its tag. */
    private record Tagged(String body, String etag) {}

    private static volatile Tagged last = new Tagged("", tag(""));

    /**
     * A strong ETag: a quoted, truncated SHA-256 of the exact body bytes. The last body's tag is
     * kept: a public read mostly answers the same body as the request before it until the content
     * changes, and comparing the text costs far less than digesting it again.
     */
    public static String of(String body) {
        Tagged known = last;
        if (known.body().equals(body)) {
            return known.etag();
        }
        String etag = tag(body);
        last = new Tagged(body, etag);
        return etag;
    }

    private static String tag(String body) {
        return "\"" + Digests.sha256Base64Url(body).substring(0, 27) + "\"";
    }

    /**
     * Whether an If-None-Match header value matches the tag (weak comparison, as the RFC asks for
     * GET).
     */
    public static boolean matches(Optional<String> ifNoneMatch, String etag) {
        if (ifNoneMatch.isEmpty()) {
            return false;
        }
        String opaque = stripWeak(etag);
        for (String candidate : ifNoneMatch.get().split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || stripWeak(trimmed).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String stripWeak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /**
     * A cacheable JSON response for a public read: 200 with the body, or 304 when the client
     * already has it. Both carry the same ETag and Cache-Control.
     */
    public static HttpResponse cacheableJson(
            HttpRequest request, String json, String cacheControl) {
        String etag = of(json);
        if (matches(request.header("if-none-match"), etag)) {
            return new HttpResponse(
                    304, Map.of("etag", etag, "cache-control", cacheControl), List.of(), null);
        }
        return new HttpResponse(
                200,
                Map.of(
                        "content-type",
                        HttpResponse.JSON,
                        "etag",
                        etag,
                        "cache-control",
                        cacheControl),
                List.of(),
                json);
    }
}

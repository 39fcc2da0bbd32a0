package org.newsroom.core.http;

import java.util.Optional;
import org.newsroom.core.crypto.Digests;

/**
 * Strong entity tags and conditional GET (RFC 9110 section 13.1.2): a matching {@code
 * If-None-Match} turns a 200 into a 304 without a body.
 */
public final class Etags {

    private Etags() {}

    /** A strong ETag: a quoted, truncated SHA-256 of the exact body bytes. */
    public static String of(String body) {
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
            return HttpResponse.empty(304)
                    .withHeader("etag", etag)
                    .withHeader("cache-control", cacheControl);
        }
        return HttpResponse.json(200, json)
                .withHeader("etag", etag)
                .withHeader("cache-control", cacheControl);
    }
}

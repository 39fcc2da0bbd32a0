package org.newsroom.newsletters.issues;

import java.util.Optional;
import org.newsroom.core.http.HttpRequest;

/**
 * The start of the links an issue carries (view in browser, unsubscribe): the configured public URL
 * without its trailing slashes, else the host the request came in on.
 */
final class LinkBase {

    private final Optional<String> publicApiUrl;

    LinkBase(Optional<String> publicApiUrl) {
        this.publicApiUrl = publicApiUrl.map(u -> u.replaceAll("/+$", ""));
    }

    /** The base for links made while answering {@code request}. */
    String of(HttpRequest request) {
        // Without a lambda for the absent case: one capturing the request was made on every call.
        if (publicApiUrl.isPresent()) {
            return publicApiUrl.get();
        }
        var context = request.event().getRequestContext();
        String host =
                context == null || context.getDomainName() == null
                        ? "localhost"
                        : context.getDomainName();
        return "https://" + host;
    }
}

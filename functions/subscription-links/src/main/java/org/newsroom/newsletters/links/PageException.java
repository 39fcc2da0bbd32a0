package org.newsroom.newsletters.links;

import org.newsroom.core.http.HttpResponse;

/** Ends a browser request with an HTML page (the counterpart of a problem+json for people). */
final class PageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpResponse response;

    PageException(HttpResponse response) {
        super("page " + response.status(), null, false, false);
        this.response = response;
    }

    HttpResponse response() {
        return response;
    }
}

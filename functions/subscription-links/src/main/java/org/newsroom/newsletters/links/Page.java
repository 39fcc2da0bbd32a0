package org.newsroom.newsletters.links;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.template.Templates;

/**
 * A small HTML page (paragraphs and buttons that POST, in order, and an optional link); every value
 * is escaped.
 */
final class Page {

    private final String publisher;
    private final String title;

    /** Paragraphs and buttons in the order they were added. */
    private final List<Map<String, Object>> blocks = new ArrayList<>();

    private Map<String, String> link;

    Page(String publisher, String title) {
        this.publisher = publisher;
        this.title = title;
    }

    Page paragraph(String text) {
        blocks.add(Map.of("paragraph", List.of(Map.of("text", text)), "form", List.of()));
        return this;
    }

    /** A button posting {@code fields} to {@code action}. */
    Page button(String action, Map<String, String> fields, String label, boolean secondary) {
        List<Map<String, String>> hidden = new ArrayList<>();
        fields.forEach((name, value) -> hidden.add(Map.of("name", name, "value", value)));
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("action", action);
        form.put("fields", hidden);
        form.put("label", label);
        form.put("secondary", secondary);
        blocks.add(Map.of("paragraph", List.of(), "form", List.of(form)));
        return this;
    }

    Page link(String href, String label) {
        this.link = Map.of("href", href, "label", label);
        return this;
    }

    HttpResponse respond(int status) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("publisher", publisher);
        model.put("title", title);
        model.put("blocks", blocks);
        model.put("link", link == null ? List.of() : List.of(link));
        return HttpResponse.html(status, Templates.render(Page.class, "page.html.mustache", model))
                .withHeader("cache-control", "no-store")
                // Tokens are in the URL: never pass it on to another site.
                .withHeader("referrer-policy", "no-referrer")
                .withHeader("x-frame-options", "DENY");
    }
}

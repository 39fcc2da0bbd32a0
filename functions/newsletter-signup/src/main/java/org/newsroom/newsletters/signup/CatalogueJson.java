package org.newsroom.newsletters.signup;

import java.util.List;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.subscriptions.Newsletter;

/**
 * The body of {@code GET /newsletters}: {@code {"items": [{id, name, description, cadence,
 * default}]}}.
 */
final class CatalogueJson {

    private CatalogueJson() {}

    static String render(List<Newsletter> newsletters) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (Newsletter n : newsletters) {
            items.addObject()
                    .put("id", n.id())
                    .put("name", n.name())
                    .put("description", n.description())
                    .put("cadence", n.cadence())
                    .put("default", n.isDefault());
        }
        return body.toString();
    }
}

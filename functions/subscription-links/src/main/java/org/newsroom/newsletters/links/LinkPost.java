package org.newsroom.newsletters.links;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsroom.core.http.FormData;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.json.Json;

/**
 * What a {@code POST} to a link carries: the token (from the body, else the query string) and, for
 * unsubscribing, the reader's choice. Bodies may be urlencoded (our buttons), multipart (some mail
 * providers' RFC 8058 one-click posts) or JSON; any other body counts as empty.
 *
 * @param all unsubscribe from every newsletter ({@code scope=all})
 * @param erase delete every record of the address ({@code action=erase})
 * @param oneClick an RFC 8058 one-click post ({@code List-Unsubscribe=One-Click}): it unsubscribes
 *     from the email's newsletters only, whatever else the body says
 */
record LinkPost(String token, boolean all, boolean erase, boolean oneClick) {

    static final int BODY_LIMIT = 16 * 1024;
    private static final List<String> FORM_FIELDS =
            List.of("token", "scope", "action", "List-Unsubscribe");

    static LinkPost parse(HttpRequest request) {
        Map<String, String> fields = fields(request);
        String token = fields.getOrDefault("token", request.query("token").orElse(""));
        boolean oneClick = "One-Click".equals(fields.get("List-Unsubscribe"));
        return new LinkPost(
                token,
                !oneClick && "all".equals(fields.get("scope")),
                !oneClick && "erase".equals(fields.get("action")),
                oneClick);
    }

    private static Map<String, String> fields(HttpRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        Optional<FormData> form = FormData.decode(request, BODY_LIMIT);
        if (form.isPresent()) {
            for (String name : FORM_FIELDS) {
                form.get().first(name).ifPresent(v -> fields.put(name, v.trim()));
            }
        } else if (request.mediaType().equals("application/json")) {
            JsonNode body = Json.parse(request.bodyText(BODY_LIMIT));
            if (body.isObject()) {
                body.properties()
                        .forEach(
                                e -> {
                                    if (e.getValue().isTextual()) {
                                        fields.put(e.getKey(), e.getValue().asText());
                                    }
                                });
            }
        }
        return fields;
    }
}

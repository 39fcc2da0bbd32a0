package org.newsroom.newsletters.links;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsroom.core.http.FormData;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.subscriptions.LinkToken;

/**
 * What a {@code POST} to a link carries: the token (from the body, else the query string) and, for
 * unsubscribing, the reader's choice. Bodies may be urlencoded (our buttons), multipart (some mail
 * providers' RFC 8058 one-click posts) or JSON; any other body counts as empty.
 *
 * @param all unsubscribe from every newsletter ({@code scope=all})
 * @param erase {@code action=erase}: the unsubscribe page's old "delete my data" button, which an
 *     unsubscribe link can no longer do (it is refused); erasure needs an emailed erase link
 * @param oneClick an RFC 8058 one-click post ({@code List-Unsubscribe=One-Click}): it unsubscribes
 *     from the email's newsletters only, whatever else the body says
 * @param request {@code request=erase} or {@code request=export}: email the reader a link to erase
 *     or to download their data; empty when absent (and always for a one-click post)
 */
record LinkPost(String token, boolean all, boolean erase, boolean oneClick, String request) {

    static final int BODY_LIMIT = 16 * 1024;
    private static final List<String> FORM_FIELDS =
            List.of("token", "scope", "action", "request", "List-Unsubscribe");

    static LinkPost parse(HttpRequest request) {
        Map<String, String> fields = fields(request);
        String token = fields.getOrDefault("token", request.query("token").orElse(""));
        boolean oneClick = "One-Click".equals(fields.get("List-Unsubscribe"));
        return new LinkPost(
                token,
                !oneClick && "all".equals(fields.get("scope")),
                !oneClick && "erase".equals(fields.get("action")),
                oneClick,
                oneClick ? "" : fields.getOrDefault("request", ""));
    }

    /**
     * The link the reader asks to be emailed ({@code request=erase} or {@code export}); empty when
     * none. Any other value is a 400.
     */
    Optional<LinkToken.Purpose> dataLink() {
        return switch (request) {
            case "" -> Optional.empty();
            case "erase" -> Optional.of(LinkToken.Purpose.ERASE);
            case "export" -> Optional.of(LinkToken.Purpose.EXPORT);
            default ->
                    throw new ProblemException(
                            Problem.badRequest("The request field must be erase or export."));
        };
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

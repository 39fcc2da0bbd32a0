package org.newsroom.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of an API Gateway HTTP API (payload 2.0) request.
 *
 * <p>Header names are matched case-insensitively; bodies that API Gateway base64-encoded (form
 * posts, anything not text or JSON) are decoded. The body size is bounded by {@link
 * #bodyLimitBytes} so a handler never parses more than it accepts.
 */
public final class HttpRequest {

    private final APIGatewayV2HTTPEvent event;

    private HttpRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public static HttpRequest of(APIGatewayV2HTTPEvent event) {
        return new HttpRequest(event);
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    /** The route key the gateway matched, such as {@code GET /articles/{slug}}. */
    public String routeKey() {
        String key = event.getRouteKey();
        if (key != null && !key.isEmpty()) {
            return key;
        }
        return method() + " " + path();
    }

    public String method() {
        var ctx = event.getRequestContext();
        if (ctx != null && ctx.getHttp() != null && ctx.getHttp().getMethod() != null) {
            return ctx.getHttp().getMethod().toUpperCase(Locale.ROOT);
        }
        return "GET";
    }

    public String path() {
        return event.getRawPath() == null ? "/" : event.getRawPath();
    }

    public String requestId() {
        var ctx = event.getRequestContext();
        return ctx == null || ctx.getRequestId() == null ? "-" : ctx.getRequestId();
    }

    public Optional<String> sourceIp() {
        var ctx = event.getRequestContext();
        if (ctx == null || ctx.getHttp() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(ctx.getHttp().getSourceIp());
    }

    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        String direct = headers.get(name.toLowerCase(Locale.ROOT));
        if (direct != null) {
            return Optional.of(direct);
        }
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** The media type of the body, lower-cased, without parameters. */
    public String mediaType() {
        return header("content-type")
                .map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
    }

    /** A query parameter. API Gateway joins repeated parameters with commas. */
    public Optional<String> query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? Optional.empty() : Optional.ofNullable(query.get(name));
    }

    public Map<String, String> queryParameters() {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? Map.of() : query;
    }

    public Optional<String> pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        return params == null ? Optional.empty() : Optional.ofNullable(params.get(name));
    }

    public List<String> cookies() {
        return event.getCookies() == null ? List.of() : event.getCookies();
    }

    /** Whether the client prefers a JSON answer over an HTML page. */
    public boolean wantsJson() {
        String accept = header("accept").orElse("").toLowerCase(Locale.ROOT);
        if (accept.contains("text/html")) {
            return false;
        }
        return accept.contains("json")
                || mediaType().contains("json")
                || accept.isEmpty()
                || accept.contains("*/*");
    }

    /** The raw body bytes, decoded from base64 when the gateway encoded them. */
    public byte[] bodyBytes() {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(
                        Problem.badRequest("The request body could not be decoded."));
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The body as UTF-8 text, rejected with 413 when it is larger than {@code limitBytes}. */
    public String bodyText(int limitBytes) {
        byte[] bytes = bodyBytes();
        if (bytes.length > limitBytes) {
            throw new ProblemException(Problem.payloadTooLarge(limitBytes));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Default upper bound for request bodies, well below API Gateway's own limits. */
    public static int bodyLimitBytes() {
        return 256 * 1024;
    }
}

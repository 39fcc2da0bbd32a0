package org.newsroom.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsroom.core.events.Fields;
import org.newsroom.core.json.JsonFieldReader;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.JsonObjectWriter;

/**
 * The API Gateway payload 2.0 event and response as JSON, read and written with the project's one
 * Jackson mapper. {@link ApiHandler}'s stream overload uses it so that Lambda never loads its own
 * event serialiser (a second, shaded copy of Jackson and joda-time: about 700 classes, a sizeable
 * share of a cold start). The event is mapped by hand, field by field as the streaming parser meets
 * them (no tree of the whole event is built, on every request), not by Jackson's bean
 * introspection, which would cost a cold start about as much again as the parser itself. It reads
 * exactly what the runtime's serialiser reads (checked against it on every sample event in {@code
 * events/}); fields the gateway may add later are ignored.
 */
public final class GatewayJson {

    private GatewayJson() {}

    public static APIGatewayV2HTTPEvent read(InputStream in) throws IOException {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        try (JsonFieldReader json = JsonFieldReader.of(in.readAllBytes())) {
            if (json.startObject()) {
                for (String field = json.nextField(); field != null; field = json.nextField()) {
                    switch (field) {
                        case "version" -> event.setVersion(json.text());
                        case "routeKey" -> event.setRouteKey(json.text());
                        case "rawPath" -> event.setRawPath(json.text());
                        case "rawQueryString" -> event.setRawQueryString(json.text());
                        case "cookies" -> event.setCookies(texts(json));
                        case "headers" -> event.setHeaders(textMap(json));
                        case "queryStringParameters" ->
                                event.setQueryStringParameters(textMap(json));
                        case "pathParameters" -> event.setPathParameters(textMap(json));
                        case "stageVariables" -> event.setStageVariables(textMap(json));
                        case "body" -> event.setBody(json.text());
                        case "isBase64Encoded" -> event.setIsBase64Encoded(json.bool(false));
                        case "requestContext" -> {
                            if (json.isObject()) {
                                event.setRequestContext(requestContext(json));
                            } else {
                                json.skip();
                            }
                        }
                        default -> json.skip();
                    }
                }
            }
            json.end();
        }
        return event;
    }

    /** An object of texts (as {@link Fields#map}); null when the value is not an object. */
    private static Map<String, String> textMap(JsonFieldReader json) {
        if (!json.isObject()) {
            json.skip();
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name = json.nextField(); name != null; name = json.nextField()) {
            values.put(name, json.text());
        }
        return values;
    }

    /** An array of texts (as {@link Fields#list}); null when the value is not an array. */
    private static List<String> texts(JsonFieldReader json) {
        if (!json.isArray()) {
            json.skip();
            return null;
        }
        List<String> values = new ArrayList<>();
        while (json.nextElement()) {
            values.add(json.text());
        }
        return values;
    }

    private static APIGatewayV2HTTPEvent.RequestContext requestContext(JsonFieldReader json) {
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        for (String field = json.nextField(); field != null; field = json.nextField()) {
            switch (field) {
                case "routeKey" -> context.setRouteKey(json.text());
                case "accountId" -> context.setAccountId(json.text());
                case "stage" -> context.setStage(json.text());
                case "apiId" -> context.setApiId(json.text());
                case "domainName" -> context.setDomainName(json.text());
                case "domainPrefix" -> context.setDomainPrefix(json.text());
                case "time" -> context.setTime(json.text());
                case "timeEpoch" -> context.setTimeEpoch(json.asLong(0));
                case "requestId" -> context.setRequestId(json.text());
                case "http" -> {
                    if (json.isObject()) {
                        context.setHttp(http(json));
                    } else {
                        json.skip();
                    }
                }
                case "authorizer" -> {
                    // Rare (IAM or JWT routes) and nested: mapped from its tree.
                    JsonNode authorizer = json.tree();
                    if (authorizer.isObject()) {
                        context.setAuthorizer(authorizer(authorizer));
                    }
                }
                default -> json.skip();
            }
        }
        return context;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Http http(JsonFieldReader json) {
        APIGatewayV2HTTPEvent.RequestContext.Http http =
                new APIGatewayV2HTTPEvent.RequestContext.Http();
        for (String field = json.nextField(); field != null; field = json.nextField()) {
            switch (field) {
                case "method" -> http.setMethod(json.text());
                case "path" -> http.setPath(json.text());
                case "protocol" -> http.setProtocol(json.text());
                case "sourceIp" -> http.setSourceIp(json.text());
                case "userAgent" -> http.setUserAgent(json.text());
                default -> json.skip();
            }
        }
        return http;
    }

    static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(JsonNode json) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer =
                new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        JsonNode jwt = json.get("jwt");
        if (jwt != null && jwt.isObject()) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT token =
                    new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
            token.setClaims(Fields.map(jwt.get("claims"), JsonNode::asText));
            token.setScopes(Fields.list(jwt.get("scopes"), JsonNode::asText));
            authorizer.setJwt(token);
        }
        JsonNode lambda = json.get("lambda");
        if (lambda != null && lambda.isObject()) {
            Map<String, Object> values = new LinkedHashMap<>();
            lambda.fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().toPlain()));
            authorizer.setLambda(values);
        }
        JsonNode iam = json.get("iam");
        if (iam != null && iam.isObject()) {
            APIGatewayV2HTTPEvent.RequestContext.IAM caller =
                    new APIGatewayV2HTTPEvent.RequestContext.IAM();
            caller.setAccessKey(Fields.text(iam, "accessKey"));
            caller.setAccountId(Fields.text(iam, "accountId"));
            caller.setCallerId(Fields.text(iam, "callerId"));
            caller.setPrincipalOrgId(Fields.text(iam, "principalOrgId"));
            caller.setUserArn(Fields.text(iam, "userArn"));
            caller.setUserId(Fields.text(iam, "userId"));
            JsonNode cognito = iam.get("cognitoIdentity");
            if (cognito != null && cognito.isObject()) {
                APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity identity =
                        new APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity();
                identity.setAmr(Fields.list(cognito.get("amr"), JsonNode::asText));
                identity.setIdentityId(Fields.text(cognito, "identityId"));
                identity.setIdentityPoolId(Fields.text(cognito, "identityPoolId"));
                caller.setCognitoIdentity(identity);
            }
            authorizer.setIam(caller);
        }
        return authorizer;
    }

    /** Writes the fields of the payload 2.0 response format that are set. */
    public static void write(APIGatewayV2HTTPResponse response, OutputStream out)
            throws IOException {
        JsonObjectWriter json = JsonObjectWriter.bytes(out);
        json.put("statusCode", response.getStatusCode());
        if (response.getHeaders() != null) {
            headers(json, response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            json.putValue("multiValueHeaders", response.getMultiValueHeaders());
        }
        if (response.getCookies() != null) {
            json.putValue("cookies", response.getCookies());
        }
        if (response.getBody() != null) {
            json.put("body", response.getBody());
        }
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        json.finish();
    }

    /**
     * Writes the response as {@link #write(APIGatewayV2HTTPResponse, OutputStream)} writes {@link
     * HttpResponse#toGateway()}, without building the event library's response first: assembled by
     * hand ({@link GatewayResponseBytes}).
     */
    public static void write(HttpResponse response, OutputStream out) throws IOException {
        GatewayResponseBytes.write(response, out);
    }

    private static void headers(JsonObjectWriter json, Map<String, String> headers) {
        json.startObject("headers");
        headers.forEach(json::put);
        json.endObject();
    }
}

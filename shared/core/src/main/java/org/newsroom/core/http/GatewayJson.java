package org.newsroom.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.newsroom.core.events.Fields;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.JsonObjectWriter;

/**
 * The API Gateway payload 2.0 event and response as JSON, read and written with the project's one
 * Jackson mapper. {@link ApiHandler}'s stream overload uses it so that Lambda never loads its own
 * event serialiser (a second, shaded copy of Jackson and joda-time: about 700 classes, a sizeable
 * share of a cold start). The event is mapped from the JSON tree by hand, not by Jackson's bean
 * introspection, which would cost a cold start about as much again as the tree itself. It reads
 * exactly what the runtime's serialiser reads (checked against it on every sample event in {@code
 * events/}); fields the gateway may add later are ignored.
 */
public final class GatewayJson {

    private GatewayJson() {}

    public static APIGatewayV2HTTPEvent read(InputStream in) throws IOException {
        JsonNode json = Json.read(in);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(Fields.text(json, "version"));
        event.setRouteKey(Fields.text(json, "routeKey"));
        event.setRawPath(Fields.text(json, "rawPath"));
        event.setRawQueryString(Fields.text(json, "rawQueryString"));
        event.setCookies(Fields.list(json.get("cookies"), JsonNode::asText));
        event.setHeaders(Fields.map(json.get("headers"), JsonNode::asText));
        event.setQueryStringParameters(
                Fields.map(json.get("queryStringParameters"), JsonNode::asText));
        event.setPathParameters(Fields.map(json.get("pathParameters"), JsonNode::asText));
        event.setStageVariables(Fields.map(json.get("stageVariables"), JsonNode::asText));
        event.setBody(Fields.text(json, "body"));
        event.setIsBase64Encoded(json.path("isBase64Encoded").asBoolean(false));
        JsonNode context = json.get("requestContext");
        if (context != null && context.isObject()) {
            event.setRequestContext(requestContext(context));
        }
        return event;
    }

    private static APIGatewayV2HTTPEvent.RequestContext requestContext(JsonNode json) {
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRouteKey(Fields.text(json, "routeKey"));
        context.setAccountId(Fields.text(json, "accountId"));
        context.setStage(Fields.text(json, "stage"));
        context.setApiId(Fields.text(json, "apiId"));
        context.setDomainName(Fields.text(json, "domainName"));
        context.setDomainPrefix(Fields.text(json, "domainPrefix"));
        context.setTime(Fields.text(json, "time"));
        context.setTimeEpoch(json.path("timeEpoch").asLong(0));
        context.setRequestId(Fields.text(json, "requestId"));
        JsonNode http = json.get("http");
        if (http != null && http.isObject()) {
            APIGatewayV2HTTPEvent.RequestContext.Http h =
                    new APIGatewayV2HTTPEvent.RequestContext.Http();
            h.setMethod(Fields.text(http, "method"));
            h.setPath(Fields.text(http, "path"));
            h.setProtocol(Fields.text(http, "protocol"));
            h.setSourceIp(Fields.text(http, "sourceIp"));
            h.setUserAgent(Fields.text(http, "userAgent"));
            context.setHttp(h);
        }
        JsonNode authorizer = json.get("authorizer");
        if (authorizer != null && authorizer.isObject()) {
            context.setAuthorizer(authorizer(authorizer));
        }
        return context;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(JsonNode json) {
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
     * HttpResponse#toGateway()}, without building the event library's response first.
     */
    public static void write(HttpResponse response, OutputStream out) throws IOException {
        JsonObjectWriter json = JsonObjectWriter.bytes(out);
        json.put("statusCode", response.status());
        headers(json, response.headers());
        if (!response.cookies().isEmpty()) {
            json.putValue("cookies", response.cookies());
        }
        if (response.body() != null) {
            json.put("body", response.body());
        }
        json.put("isBase64Encoded", false);
        json.finish();
    }

    private static void headers(JsonObjectWriter json, Map<String, String> headers) {
        json.startObject("headers");
        headers.forEach(json::put);
        json.endObject();
    }
}

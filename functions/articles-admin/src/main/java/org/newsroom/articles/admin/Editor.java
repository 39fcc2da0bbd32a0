package org.newsroom.articles.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.newsroom.core.http.HttpRequest;

/**
 * Who made a change: the IAM principal ARN API Gateway's IAM authorisation put in the request
 * context ({@code authorizer.iam.userArn}); the local stack puts its admin token's name there.
 * Never an email address.
 */
final class Editor {

    static final String UNKNOWN = "unknown";

    private Editor() {}

    static String of(HttpRequest request) {
        APIGatewayV2HTTPEvent.RequestContext context = request.event().getRequestContext();
        if (context == null
                || context.getAuthorizer() == null
                || context.getAuthorizer().getIam() == null) {
            return UNKNOWN;
        }
        String arn = context.getAuthorizer().getIam().getUserArn();
        return arn == null || arn.isBlank() ? UNKNOWN : arn;
    }
}

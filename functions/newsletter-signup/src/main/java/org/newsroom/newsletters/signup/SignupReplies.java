package org.newsroom.newsletters.signup;

import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;

/**
 * The answers to a signup: JSON for scripts, redirects (see {@link SignupRedirects}) for plain HTML
 * forms. Neither is ever cached.
 */
final class SignupReplies {

    static final String ACCEPTED_JSON =
            "{\"status\":\"pending\",\"message\":\"Check your inbox to confirm your subscription.\"}";

    /** A form posted from another site's page: 403, nothing written. */
    static final Problem FOREIGN_ORIGIN =
            Problem.of(
                    "forbidden-origin",
                    "Form posted from another site",
                    403,
                    "This form can only be sent from the newsroom's own pages: open the signup"
                            + " page and subscribe there.");

    private final SignupRedirects redirects;

    SignupReplies(SignupRedirects redirects) {
        this.redirects = redirects;
    }

    /** The same answer whatever the address's state: 202 JSON, or 303 to the thank-you page. */
    HttpResponse accepted(SignupRequest signup) {
        if (signup.fromForm()) {
            return redirects.accepted();
        }
        return HttpResponse.of(202, HttpResponse.JSON, ACCEPTED_JSON)
                .withHeader("cache-control", "no-store");
    }

    /**
     * A 303 back to the form's page with the refusal's code.
     *
     * @throws ProblemException a 400 with the field messages, for a JSON client
     */
    HttpResponse refused(
            HttpRequest request, SignupRequest signup, SignupValidator.Invalid invalid) {
        if (!signup.fromForm()) {
            throw new ProblemException(Problem.validation(invalid.errors()));
        }
        return redirects.refused(request, invalid.formCode());
    }
}

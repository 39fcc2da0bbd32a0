package org.newsroom.newsletters.issues;

import java.util.List;
import java.util.Optional;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.http.FieldError;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.JsonNode;

/** Where an editor wants a test copy of an issue: {@code {"email": "editor@example.org"}}. */
record TestCopyRequest(EmailAddress to) {

    /**
     * The address in the body.
     *
     * @throws ProblemException 400 when the address is missing or not one, as well as {@link
     *     JsonBody#object}'s answers
     */
    static TestCopyRequest parse(HttpRequest request) {
        JsonNode email = JsonBody.object(request, JsonBody.SMALL).get("email");
        Optional<EmailAddress> to =
                email != null && email.isTextual()
                        ? EmailAddress.parse(email.asText())
                        : Optional.empty();
        return new TestCopyRequest(
                to.orElseThrow(
                        () ->
                                new ProblemException(
                                        Problem.validation(
                                                List.of(
                                                        new FieldError(
                                                                "email",
                                                                "Please enter a correct email address."))))));
    }
}

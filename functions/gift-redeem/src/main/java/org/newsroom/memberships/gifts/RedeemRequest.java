package org.newsroom.memberships.gifts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.http.FieldError;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * The body of {@code POST /gifts/redeem}: JSON {@code {"code", "email"}}. The code is checked only
 * for presence and length here (its alphabet is {@code GiftCodes}' business, and a wrong one is a
 * 404, not a field error).
 */
public record RedeemRequest(String code, EmailAddress email) {

    static final int MAX_CODE_LENGTH = 64;

    /**
     * The request in {@code json}; a {@link ProblemException} with a 400 problem when it is not
     * JSON, or with field errors a form can show next to each field.
     */
    public static RedeemRequest parse(String json) {
        JsonNode body = Json.parse(json);
        String code = body.path("code").isTextual() ? body.path("code").asText().trim() : "";
        Optional<EmailAddress> email =
                body.path("email").isTextual()
                        ? EmailAddress.parse(body.path("email").asText())
                        : Optional.empty();
        List<FieldError> errors = new ArrayList<>();
        if (code.isEmpty() || code.length() > MAX_CODE_LENGTH) {
            errors.add(new FieldError("code", "Please enter the gift code from your email"));
        }
        if (email.isEmpty()) {
            errors.add(new FieldError("email", "Please enter a correct email address"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
        return new RedeemRequest(code, email.get());
    }
}

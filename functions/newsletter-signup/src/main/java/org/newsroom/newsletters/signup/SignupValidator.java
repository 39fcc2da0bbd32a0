package org.newsroom.newsletters.signup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.http.FieldError;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.NewsletterCatalogue;

/**
 * The checks a signup passes before anything is written or sent: a correct address outside the
 * blocked domains, and newsletters from the catalogue (its defaults when none are named).
 */
final class SignupValidator {

    static final String EMAIL_MESSAGE = "Please enter a correct email address";
    static final int MAX_NEWSLETTERS = 20;
    static final String BLOCKED_DOMAIN = "blocked_domain";
    static final String TURNSTILE = "turnstile";

    /** What {@link #check} found. */
    sealed interface Result permits Valid, Invalid {}

    /** A signup to carry out: the address, and the newsletter ids in the order asked. */
    record Valid(EmailAddress address, List<String> newsletters) implements Result {}

    /**
     * A signup to refuse: messages per field for JSON clients, and the one code a plain form gets
     * back ({@code invalid_email}, {@code blocked_domain}, {@code unknown_newsletter} or {@code
     * turnstile}).
     */
    record Invalid(String formCode, List<FieldError> errors) implements Result {

        /** The {@code Reason} of the {@code SignupsRefused} metric. */
        String reason() {
            return switch (formCode) {
                case BLOCKED_DOMAIN -> "blocked";
                case TURNSTILE -> "turnstile";
                default -> "invalid";
            };
        }
    }

    /** The refusal of a signup whose Turnstile challenge did not verify. */
    static final Invalid TURNSTILE_FAILED =
            new Invalid(
                    TURNSTILE,
                    List.of(
                            new FieldError(
                                    "turnstileToken",
                                    "Please complete the verification and try again")));

    private final NewsletterCatalogue catalogue;
    private final List<String> blockedDomains;

    SignupValidator(NewsletterCatalogue catalogue, List<String> blockedDomains) {
        this.catalogue = catalogue;
        this.blockedDomains = List.copyOf(blockedDomains);
    }

    Result check(SignupRequest request) {
        Optional<EmailAddress> address = EmailAddress.parse(request.email());
        List<FieldError> errors = new ArrayList<>();
        String formCode = "unknown_newsletter";
        if (address.isEmpty()) {
            errors.add(new FieldError("email", EMAIL_MESSAGE));
            formCode = "invalid_email";
        } else if (blockedDomains.stream().anyMatch(address.get()::isInDomain)) {
            errors.add(new FieldError("email", "Please use a different email address"));
            formCode = BLOCKED_DOMAIN;
        }
        List<String> newsletters = newsletters(request, errors);
        if (errors.isEmpty()) {
            return new Valid(address.get(), newsletters);
        }
        return new Invalid(formCode, List.copyOf(errors));
    }

    /** The ids to subscribe to; on a problem, adds its field error and returns none. */
    private List<String> newsletters(SignupRequest request, List<FieldError> errors) {
        if (request.newslettersMalformed()) {
            errors.add(
                    new FieldError("newsletters", "newsletters must be a list of newsletter ids"));
            return List.of();
        }
        Set<String> requested = new LinkedHashSet<>();
        request.newsletters().forEach(n -> requested.add(n.trim()));
        requested.remove("");
        if (requested.size() > MAX_NEWSLETTERS) {
            errors.add(
                    new FieldError(
                            "newsletters",
                            "Please choose at most " + MAX_NEWSLETTERS + " newsletters"));
            return List.of();
        }
        if (requested.isEmpty()) {
            List<String> defaults = catalogue.defaults().stream().map(Newsletter::id).toList();
            if (defaults.isEmpty()) {
                errors.add(new FieldError("newsletters", "Please choose at least one newsletter"));
            }
            return defaults;
        }
        if (!requested.stream().allMatch(id -> catalogue.find(id).isPresent())) {
            errors.add(new FieldError("newsletters", "Please choose newsletters from the list"));
            return List.of();
        }
        return List.copyOf(requested);
    }
}

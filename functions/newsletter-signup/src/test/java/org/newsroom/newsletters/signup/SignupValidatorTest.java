package org.newsroom.newsletters.signup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.FieldError;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.NewsletterCatalogue;

class SignupValidatorTest {

    private static final List<Newsletter> CATALOGUE =
            List.of(
                    new Newsletter("daily-briefing", "The Daily Briefing", "", "", true, 1),
                    new Newsletter("climate-explained", "Climate, Explained", "", "", false, 2));

    private final SignupValidator validator =
            new SignupValidator(() -> CATALOGUE, List.of("blocked.example"));

    @Test
    void check_shouldKeepTheAskedOrder_trimmedAndWithoutRepeats() {
        SignupValidator.Valid valid =
                assertInstanceOf(
                        SignupValidator.Valid.class,
                        validator.check(
                                signup(
                                        "reader@example.org",
                                        List.of(
                                                " climate-explained",
                                                "daily-briefing",
                                                "climate-explained",
                                                " "))));
        assertEquals("reader@example.org", valid.address().value());
        assertEquals(List.of("climate-explained", "daily-briefing"), valid.newsletters());
    }

    @Test
    void check_shouldUseTheDefaults_whenNoneAreAskedFor() {
        SignupValidator.Valid valid =
                assertInstanceOf(
                        SignupValidator.Valid.class,
                        validator.check(signup("reader@example.org", List.of())));
        assertEquals(List.of("daily-briefing"), valid.newsletters());
    }

    @Test
    void check_shouldRefuse_whenThereAreNoDefaults() {
        NewsletterCatalogue noDefaults = () -> List.of(new Newsletter("x", "X", "", "", false, 1));
        SignupValidator.Invalid invalid =
                assertInstanceOf(
                        SignupValidator.Invalid.class,
                        new SignupValidator(noDefaults, List.of())
                                .check(signup("reader@example.org", List.of())));
        assertEquals("unknown_newsletter", invalid.formCode());
        assertEquals(
                List.of(new FieldError("newsletters", "Please choose at least one newsletter")),
                invalid.errors());
    }

    @Test
    void check_shouldGiveTheInvalidEmailCode_andStillReportNewsletterErrors() {
        SignupValidator.Invalid invalid =
                assertInstanceOf(
                        SignupValidator.Invalid.class,
                        validator.check(signup("Reader <reader@example.org>", List.of("nope"))));
        assertEquals("invalid_email", invalid.formCode());
        assertEquals(
                List.of(
                        new FieldError("email", SignupValidator.EMAIL_MESSAGE),
                        new FieldError("newsletters", "Please choose newsletters from the list")),
                invalid.errors());
    }

    @Test
    void check_shouldRefuseABlockedDomain_andItsSubdomains() {
        SignupValidator.Invalid invalid =
                assertInstanceOf(
                        SignupValidator.Invalid.class,
                        validator.check(signup("someone@mail.blocked.example", List.of())));
        assertEquals("blocked_domain", invalid.formCode());
        assertEquals("email", invalid.errors().get(0).field());
    }

    @Test
    void check_shouldRefuseMoreThanTheMaximum() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= SignupValidator.MAX_NEWSLETTERS; i++) {
            many.add("n" + i);
        }
        SignupValidator.Invalid invalid =
                assertInstanceOf(
                        SignupValidator.Invalid.class,
                        validator.check(signup("reader@example.org", many)));
        assertEquals("unknown_newsletter", invalid.formCode());
        assertEquals("Please choose at most 20 newsletters", invalid.errors().get(0).message());
    }

    @Test
    void check_shouldRefuseMalformedNewsletters() {
        SignupRequest malformed =
                new SignupRequest(
                        false, "reader@example.org", Collections.emptyList(), true, "", "");
        SignupValidator.Invalid invalid =
                assertInstanceOf(SignupValidator.Invalid.class, validator.check(malformed));
        assertEquals(
                List.of(
                        new FieldError(
                                "newsletters", "newsletters must be a list of newsletter ids")),
                invalid.errors());
    }

    private static SignupRequest signup(String email, List<String> newsletters) {
        return new SignupRequest(false, email, newsletters, false, "", "");
    }
}

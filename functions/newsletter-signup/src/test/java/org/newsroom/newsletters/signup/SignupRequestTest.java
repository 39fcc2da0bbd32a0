package org.newsroom.newsletters.signup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;

class SignupRequestTest {

    @Test
    void parse_shouldReadEveryField_fromJson() {
        SignupRequest signup =
                SignupRequest.parse(
                        TestRequests.post(
                                "{\"email\":\"reader@example.org\",\"newsletters\":[\"a\",\"b\"],\"website\":\"  \",\"turnstileToken\":\"t\"}",
                                "content-type",
                                "application/json; charset=utf-8"));
        assertFalse(signup.fromForm());
        assertEquals("reader@example.org", signup.email());
        assertEquals(List.of("a", "b"), signup.newsletters());
        assertFalse(signup.newslettersMalformed());
        assertFalse(signup.isBot(), "a blank honeypot is not a bot");
        assertEquals("t", signup.turnstileToken());
        assertEquals("api", signup.source());
    }

    @Test
    void parse_shouldReadRepeatedNewsletters_fromAForm() {
        SignupRequest signup =
                SignupRequest.parse(
                        TestRequests.post(
                                "email=reader%40example.org&newsletters=a&newsletters=b&website=&cf-turnstile-response=t",
                                "content-type", "application/x-www-form-urlencoded"));
        assertTrue(signup.fromForm());
        assertEquals("reader@example.org", signup.email());
        assertEquals(List.of("a", "b"), signup.newsletters());
        assertEquals("t", signup.turnstileToken());
        assertEquals("form", signup.source());
    }

    @Test
    void parse_shouldAcceptAJsonSuffixMediaType() {
        SignupRequest signup =
                SignupRequest.parse(
                        TestRequests.post(
                                "{\"email\":\"reader@example.org\"}",
                                "content-type",
                                "application/vnd.newsroom+json"));
        assertEquals("reader@example.org", signup.email());
        assertEquals(List.of(), signup.newsletters());
    }

    @Test
    void parse_shouldMarkNewslettersMalformed_whenTheyAreNotAListOfStrings() {
        assertTrue(
                json("{\"email\":\"a@b.org\",\"newsletters\":\"daily\"}").newslettersMalformed());
        assertTrue(
                json("{\"email\":\"a@b.org\",\"newsletters\":[\"daily\", 3]}")
                        .newslettersMalformed());
        assertFalse(json("{\"email\":\"a@b.org\",\"newsletters\":null}").newslettersMalformed());
    }

    @Test
    void parse_shouldTreatNonTextFieldsAsEmpty() {
        SignupRequest signup = json("{\"email\":42,\"website\":true,\"turnstileToken\":{}}");
        assertEquals("", signup.email());
        assertFalse(signup.isBot());
        assertEquals("", signup.turnstileToken());
    }

    @Test
    void parse_shouldFlagABot_whenTheHoneypotIsFilled() {
        assertTrue(
                SignupRequest.parse(
                                TestRequests.post(
                                        "email=a%40b.org&website=+spam+",
                                        "content-type", "application/x-www-form-urlencoded"))
                        .isBot());
    }

    @Test
    void parse_shouldRejectNonObjectJson_with400() {
        ProblemException e =
                assertThrows(ProblemException.class, () -> json("[\"reader@example.org\"]"));
        assertEquals(400, e.problem().status());
    }

    @Test
    void parse_shouldRejectMalformedJson() {
        assertThrows(Json.MalformedJsonException.class, () -> json("{\"email\": "));
    }

    @Test
    void parse_shouldRejectOtherMediaTypes_with415() {
        ProblemException e =
                assertThrows(
                        ProblemException.class,
                        () ->
                                SignupRequest.parse(
                                        TestRequests.post(
                                                "email=a", "content-type", "text/plain")));
        assertEquals(415, e.problem().status());
    }

    @Test
    void parse_shouldRejectAnOversizedBody_with413() {
        String body = "email=" + "a".repeat(SignupRequest.BODY_LIMIT);
        ProblemException e =
                assertThrows(
                        ProblemException.class,
                        () ->
                                SignupRequest.parse(
                                        TestRequests.post(
                                                body,
                                                "content-type",
                                                "application/x-www-form-urlencoded")));
        assertEquals(413, e.problem().status());
    }

    private static SignupRequest json(String body) {
        return SignupRequest.parse(TestRequests.post(body, "content-type", "application/json"));
    }
}

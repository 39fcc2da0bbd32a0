package org.newsroom.newsletters.signup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.HttpResponse;

class SignupRedirectsTest {

    private final SignupRedirects redirects =
            new SignupRedirects(
                    URI.create("https://www.example.org/thanks"),
                    URI.create("https://www.example.org/newsletters"),
                    List.of("https://partner.example"));

    @Test
    void accepted_shouldSeeOtherToTheThankYouPage_uncached() {
        HttpResponse response = redirects.accepted();
        assertEquals(303, response.status());
        assertEquals(HttpResponse.TEXT, response.header("content-type"));
        assertEquals("https://www.example.org/thanks", response.header("location"));
        assertEquals("no-store", response.header("cache-control"));
    }

    @Test
    void refused_shouldSendTheFormBackToItsPage_withTheCodeAndAnchor_withoutTheQuery() {
        HttpResponse response =
                redirects.refused(
                        TestRequests.post(
                                "", "referer", "https://partner.example/briefing?utm_source=x"),
                        "invalid_email");
        assertEquals(303, response.status());
        assertEquals(HttpResponse.TEXT, response.header("content-type"));
        assertEquals(
                "https://partner.example/briefing?signup_error=invalid_email#signup",
                response.header("location"));
        assertEquals("no-store", response.header("cache-control"));
    }

    @Test
    void formPage_shouldAllowTheSignupPagesOwnOrigin_inAnyCase() {
        assertEquals(
                "https://WWW.example.org/other",
                redirects.formPage(
                        TestRequests.post("", "referer", "https://WWW.example.org/other")));
    }

    @Test
    void formPage_shouldUseTheSignupPage_forAForeignReferer() {
        assertEquals(
                "https://www.example.org/newsletters",
                redirects.formPage(TestRequests.post("", "referer", "https://evil.example/form")));
    }

    @Test
    void formPage_shouldUseTheSignupPage_withoutAUsableReferer() {
        assertEquals(
                "https://www.example.org/newsletters", redirects.formPage(TestRequests.post("")));
        assertEquals(
                "https://www.example.org/newsletters",
                redirects.formPage(TestRequests.post("", "referer", "not a url")));
        assertEquals(
                "https://www.example.org/newsletters",
                redirects.formPage(TestRequests.post("", "referer", "/relative")));
    }

    @Test
    void formPage_shouldEndWithASlash_whenTheRefererHasNoPath() {
        assertEquals(
                "https://partner.example/",
                redirects.formPage(TestRequests.post("", "referer", "https://partner.example")));
    }

    @Test
    void consentPage_shouldDropTheQuery_fromTheReferer() {
        assertEquals(
                "https://www.example.org/newsletters",
                redirects.consentPage(
                        TestRequests.post(
                                "",
                                "referer",
                                "https://www.example.org/newsletters?email=reader%40example.org")));
    }

    @Test
    void consentPage_shouldFallBackToTheOrigin_andThenToNothing() {
        assertEquals(
                "https://elsewhere.example",
                redirects.consentPage(
                        TestRequests.post("", "origin", "https://elsewhere.example")));
        assertEquals("", redirects.consentPage(TestRequests.post("")));
    }

    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void isForeignFormPost_shouldRefuseAFormFromAnotherSite_orANullOrigin() {
        assertTrue(
                redirects.isForeignFormPost(
                        TestRequests.post(
                                "", "content-type", FORM, "origin", "https://evil.example")));
        assertTrue(
                redirects.isForeignFormPost(
                        TestRequests.post("", "content-type", FORM, "origin", "null")));
        assertTrue(
                redirects.isForeignFormPost(
                        TestRequests.post(
                                "",
                                "content-type",
                                FORM,
                                "origin",
                                "https://www.example.org.evil.example")));
    }

    @Test
    void isForeignFormPost_shouldAllowOurOwnAndAllowedOrigins_andNoOriginAtAll() {
        assertFalse(
                redirects.isForeignFormPost(
                        TestRequests.post(
                                "", "content-type", FORM, "origin", "https://WWW.example.org")));
        assertFalse(
                redirects.isForeignFormPost(
                        TestRequests.post(
                                "", "content-type", FORM, "origin", "https://partner.example")));
        assertFalse(
                redirects.isForeignFormPost(TestRequests.post("", "content-type", FORM)),
                "privacy tools strip Origin");
    }

    @Test
    void isForeignFormPost_shouldLeaveJsonToCors() {
        assertFalse(
                redirects.isForeignFormPost(
                        TestRequests.post(
                                "{}",
                                "content-type",
                                "application/json",
                                "origin",
                                "https://evil.example")));
    }
}

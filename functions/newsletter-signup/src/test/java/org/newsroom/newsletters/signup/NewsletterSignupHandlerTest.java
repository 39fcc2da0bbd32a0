package org.newsroom.newsletters.signup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.newsroom.core.config.Config;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.limits.ClientKeys;
import org.newsroom.core.limits.RateLimiter;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.subscriptions.ConfirmationRequest;
import org.newsroom.subscriptions.Consent;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.NewsletterCatalogue;
import org.newsroom.subscriptions.SubscriptionRepository;
import org.newsroom.subscriptions.SubscriptionStatus;

@ExtendWith(MockitoExtension.class)
class NewsletterSignupHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:30:00Z");
    private static final List<Newsletter> CATALOGUE =
            List.of(
                    new Newsletter(
                            "daily-briefing",
                            "The Daily Briefing",
                            "Five stories",
                            "Weekdays",
                            true,
                            1),
                    new Newsletter(
                            "climate-explained",
                            "Climate, Explained",
                            "One question",
                            "Weekly",
                            false,
                            2));

    private static final Pepper PEPPER = Pepper.of("signup-test-pepper-0123456789abcdefghij");
    private static final AddressKeys KEYS = new AddressKeys(PEPPER);

    @Mock SubscriptionRepository repository;
    @Mock RateLimiter rateLimiter;

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();

    private NewsletterSignupHandler handler(String blocked, TurnstileVerifier turnstile) {
        NewsletterCatalogue catalogue = () -> CATALOGUE;
        NewsletterSignupSettings settings =
                NewsletterSignupSettings.from(
                        Config.from(
                                Map.of(
                                        "SUBSCRIPTIONS_TABLE",
                                        "subscriptions",
                                        "NEWSLETTERS_TABLE",
                                        "newsletters",
                                        "LIMITS_TABLE",
                                        "limits",
                                        "THANK_YOU_URL",
                                        "https://www.example.org/thanks",
                                        "SIGNUP_PAGE_URL",
                                        "https://www.example.org/newsletters",
                                        "ALLOWED_ORIGINS",
                                        "https://www.example.org",
                                        "BLOCKED_DOMAINS",
                                        blocked,
                                        "PEPPER_SECRET_ID",
                                        "pepper")));
        return new NewsletterSignupHandler(
                catalogue,
                new SignupService(repository, KEYS, Duration.ofDays(7)),
                new ClientRateLimit(rateLimiter, new ClientKeys(PEPPER)),
                turnstile,
                settings,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new Log("newsletter-signup", new PrintStream(logs, true, StandardCharsets.UTF_8)),
                new Metrics(
                        "newsletter-signup",
                        new PrintStream(metricLines, true, StandardCharsets.UTF_8),
                        Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    /** The one EMF line written, checked for its metric, function and reason (or none). */
    private void assertCounted(String metric, String reason) {
        List<String> lines = metricLines.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), "one metric line: " + lines);
        JsonNode line = Json.parse(lines.get(0));
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals(NOW.toEpochMilli(), line.get("_aws").get("Timestamp").asLong());
        assertEquals("Newsroom", directive.get("Namespace").asText());
        assertEquals(metric, directive.get("Metrics").get(0).get("Name").asText());
        assertEquals(1, line.get(metric).asInt());
        assertEquals("newsletter-signup", line.get("Function").asText());
        assertEquals(reason, line.path("Reason").textValue());
    }

    private NewsletterSignupHandler handler() {
        return handler("", TurnstileVerifier.DISABLED);
    }

    private static APIGatewayV2HTTPEvent event(String name) {
        return EventLoader.loadApiGatewayHttpEvent("../../events/newsletter-signup/" + name);
    }

    private void allowEverything() {
        lenient().when(rateLimiter.allow(anyString(), any())).thenReturn(true);
        lenient()
                .when(
                        repository.requestPending(
                                anyString(), any(), anyString(), any(), any(), any()))
                .thenReturn(SubscriptionStatus.PENDING);
    }

    @Test
    void listNewsletters_shouldReturnTheCatalogue_cacheableWithAnEtag() {
        HttpResponse response = handler().respond(event("list-newsletters.json"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertTrue(response.header("etag").startsWith("\""));
        assertEquals(
                "public, max-age=60, stale-while-revalidate=300", response.header("cache-control"));
        JsonNode items = Json.parse(response.body()).get("items");
        assertEquals("daily-briefing", items.get(0).get("id").asText());
        assertTrue(items.get(0).get("default").asBoolean());
        assertFalse(items.get(1).get("default").asBoolean());
        assertEquals("", metricLines.toString(StandardCharsets.UTF_8), "nothing counted");
    }

    @Test
    void subscribe_shouldAnswer202AndRequestOneConfirmation_forNewJsonSignup() {
        allowEverything();
        HttpResponse response = handler().respond(event("subscribe-json.json"));
        assertEquals(202, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals(SignupReplies.ACCEPTED_JSON, response.body());
        ArgumentCaptor<EmailAddress> address = ArgumentCaptor.forClass(EmailAddress.class);
        ArgumentCaptor<Consent> consent = ArgumentCaptor.forClass(Consent.class);
        verify(repository)
                .requestPending(
                        anyString(),
                        address.capture(),
                        eq("daily-briefing"),
                        consent.capture(),
                        eq(NOW),
                        eq(NOW.plus(Duration.ofDays(7))));
        verify(repository)
                .requestPending(anyString(), any(), eq("climate-explained"), any(), any(), any());
        assertEquals("reader@example.org", address.getValue().value());
        assertEquals("api", consent.getValue().source());
        ArgumentCaptor<ConfirmationRequest> request =
                ArgumentCaptor.forClass(ConfirmationRequest.class);
        verify(repository)
                .recordConfirmationRequest(request.capture(), eq(NOW.plus(Duration.ofDays(7))));
        assertEquals(
                List.of("daily-briefing", "climate-explained"), request.getValue().newsletters());
        assertFalse(
                logs.toString(StandardCharsets.UTF_8).contains("reader@"),
                "no address in the logs");
        assertCounted("SignupsAccepted", null);
    }

    @Test
    void subscribe_shouldRecordTheRequest_withThePepperedIdsOfTheAddressAndItsMailbox() {
        allowEverything();
        handler().respond(event("subscribe-json-defaults.json"));
        ArgumentCaptor<ConfirmationRequest> request =
                ArgumentCaptor.forClass(ConfirmationRequest.class);
        verify(repository).recordConfirmationRequest(request.capture(), any());
        EmailAddress reader = EmailAddress.parse("reader@example.org").orElseThrow();
        assertEquals(KEYS.id(reader), request.getValue().addressId());
        assertEquals(KEYS.mailboxId(reader), request.getValue().mailboxId());
        assertEquals("reader@example.org", request.getValue().address(), "mailed as typed");
        verify(repository)
                .requestPending(
                        eq(KEYS.id(reader)), any(), eq("daily-briefing"), any(), any(), any());
    }

    @Test
    void subscribe_shouldUseTheDefaultNewsletters_whenNoneAreGiven() {
        allowEverything();
        handler().respond(event("subscribe-json-defaults.json"));
        verify(repository)
                .requestPending(anyString(), any(), eq("daily-briefing"), any(), any(), any());
        verify(repository, never())
                .requestPending(anyString(), any(), eq("climate-explained"), any(), any(), any());
    }

    /**
     * The store calls one signup of {@code subscribe-json.json} makes, when every newsletter's
     * pending write answers {@code status}.
     */
    private List<String> storeWorkFor(SubscriptionStatus status) {
        SubscriptionRepository recording = mock(SubscriptionRepository.class);
        List<String> calls = new ArrayList<>();
        when(recording.requestPending(anyString(), any(), anyString(), any(), any(), any()))
                .thenAnswer(
                        call -> {
                            calls.add("requestPending " + call.getArgument(2));
                            return status;
                        });
        doAnswer(call -> calls.add("recordConfirmationRequest"))
                .when(recording)
                .recordConfirmationRequest(any(), any());
        repository = recording;
        lenient().when(rateLimiter.allow(anyString(), any())).thenReturn(true);
        HttpResponse response = handler().respond(event("subscribe-json.json"));
        assertEquals(202, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals(SignupReplies.ACCEPTED_JSON, response.body());
        verify(recording, never()).isSuppressed(anyString());
        verify(recording, never()).findAll(anyString());
        return calls;
    }

    @Test
    void subscribe_shouldDoTheSameStoreWork_forNewPendingConfirmedAndSuppressedAddresses() {
        List<String> expected =
                List.of(
                        "requestPending daily-briefing",
                        "requestPending climate-explained",
                        "recordConfirmationRequest");
        assertEquals(expected, storeWorkFor(SubscriptionStatus.PENDING));
        assertEquals(expected, storeWorkFor(SubscriptionStatus.CONFIRMED));
        assertEquals(expected, storeWorkFor(SubscriptionStatus.SUPPRESSED));
        assertEquals(expected, storeWorkFor(SubscriptionStatus.UNSUBSCRIBED));
    }

    @Test
    void subscribe_shouldRefuseAFormPostedFromAnotherSite_with403_writingNothing() {
        HttpResponse response = handler().respond(event("subscribe-form-foreign-origin.json"));
        assertEquals(403, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        JsonNode problem = Json.parse(response.body());
        assertEquals("urn:newsroom:problem:forbidden-origin", problem.get("type").asText());
        assertTrue(problem.get("detail").asText().contains("signup page"));
        verifyNoInteractions(repository, rateLimiter);
        assertCounted("SignupsRefused", "origin");
    }

    @Test
    void subscribe_shouldRedirectAFormToTheThankYouPage_withConsentFromTheFormPage() {
        allowEverything();
        HttpResponse response = handler().respond(event("subscribe-form.json"));
        assertEquals(303, response.status());
        assertEquals(HttpResponse.TEXT, response.header("content-type"));
        assertEquals("https://www.example.org/thanks", response.header("location"));
        ArgumentCaptor<Consent> consent = ArgumentCaptor.forClass(Consent.class);
        verify(repository)
                .requestPending(
                        anyString(), any(), eq("daily-briefing"), consent.capture(), any(), any());
        assertEquals("form", consent.getValue().source());
        assertEquals(
                "https://www.example.org/newsletters",
                consent.getValue().page(),
                "query string dropped");
    }

    @Test
    void subscribe_shouldSendAFormBackWithTheError_whenTheAddressIsInvalid() {
        HttpResponse response = handler().respond(event("subscribe-form-invalid-email.json"));
        assertEquals(303, response.status());
        assertEquals(HttpResponse.TEXT, response.header("content-type"));
        assertEquals(
                "https://www.example.org/newsletters?signup_error=invalid_email#signup",
                response.header("location"));
        verifyNoInteractions(repository, rateLimiter);
        assertCounted("SignupsRefused", "invalid");
    }

    @Test
    void subscribe_shouldAnswer400WithAFieldMessage_forADisplayName() {
        HttpResponse response = handler().respond(event("subscribe-display-name.json"));
        assertEquals(400, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        JsonNode problem = Json.parse(response.body());
        assertEquals("urn:newsroom:problem:validation", problem.get("type").asText());
        assertEquals("email", problem.get("errors").get(0).get("field").asText());
        assertEquals(
                "Please enter a correct email address",
                problem.get("errors").get(0).get("message").asText());
        verifyNoInteractions(repository, rateLimiter);
    }

    @Test
    void subscribe_shouldAnswer400_forAnUnknownNewsletter() {
        HttpResponse response = handler().respond(event("subscribe-unknown-newsletter.json"));
        assertEquals(400, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        assertEquals(
                "newsletters",
                Json.parse(response.body()).get("errors").get(0).get("field").asText());
        verifyNoInteractions(repository, rateLimiter);
    }

    @Test
    void subscribe_shouldAnswerAsUsualButDoNothing_whenTheHoneypotIsFilled() {
        HttpResponse response = handler().respond(event("subscribe-form-honeypot.json"));
        assertEquals(303, response.status());
        assertEquals(HttpResponse.TEXT, response.header("content-type"));
        assertEquals("https://www.example.org/thanks", response.header("location"));
        verifyNoInteractions(repository, rateLimiter);
        assertCounted("SignupsRefused", "honeypot");
    }

    @Test
    void subscribe_shouldAnswer429WithGenericText_whenTheClientIsOverItsRate() {
        when(rateLimiter.allow(anyString(), any())).thenReturn(false);
        HttpResponse response = handler().respond(event("subscribe-json.json"));
        assertEquals(429, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        assertEquals(
                "urn:newsroom:problem:too-many-requests",
                Json.parse(response.body()).get("type").asText());
        verifyNoInteractions(repository);
        assertCounted("SignupsRefused", "rate-limited");
    }

    @Test
    void subscribe_shouldRefuseABlockedDomain_withoutWriting() {
        HttpResponse response =
                handler("example.org", TurnstileVerifier.DISABLED)
                        .respond(event("subscribe-json.json"));
        assertEquals(400, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        assertEquals(
                "email", Json.parse(response.body()).get("errors").get(0).get("field").asText());
        verifyNoInteractions(repository, rateLimiter);
        assertCounted("SignupsRefused", "blocked");
    }

    @Test
    void subscribe_shouldRequireTurnstile_whenConfigured() {
        TurnstileVerifier refuses = (token, ip) -> false;
        HttpResponse response = handler("", refuses).respond(event("subscribe-json.json"));
        assertEquals(400, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        assertEquals(
                "turnstileToken",
                Json.parse(response.body()).get("errors").get(0).get("field").asText());
        verifyNoInteractions(repository, rateLimiter);
        assertCounted("SignupsRefused", "turnstile");
    }

    @Test
    void subscribe_shouldSendAFormBackWithTheTurnstileCode_whenVerificationFails() {
        TurnstileVerifier refuses = (token, ip) -> false;
        HttpResponse response = handler("", refuses).respond(event("subscribe-form.json"));
        assertEquals(303, response.status());
        assertEquals(HttpResponse.TEXT, response.header("content-type"));
        assertEquals(
                "https://www.example.org/newsletters?signup_error=turnstile#signup",
                response.header("location"));
        verifyNoInteractions(repository, rateLimiter);
    }

    @Test
    void subscribe_shouldAnswer415_forOtherContentTypes() {
        APIGatewayV2HTTPEvent event = event("subscribe-json.json");
        event.getHeaders().put("content-type", "text/plain");
        HttpResponse response = handler().respond(event);
        assertEquals(415, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        verifyNoInteractions(repository);
    }

    @Test
    void subscribe_shouldAnswer400_forMalformedJson() {
        APIGatewayV2HTTPEvent event = event("subscribe-json.json");
        event.setBody("{\"email\": ");
        HttpResponse response = handler().respond(event);
        assertEquals(400, response.status());
        assertEquals(HttpResponse.PROBLEM_JSON, response.header("content-type"));
        assertNull(response.header("location"));
        verifyNoInteractions(repository);
        assertCounted("SignupsRefused", "invalid");
    }
}

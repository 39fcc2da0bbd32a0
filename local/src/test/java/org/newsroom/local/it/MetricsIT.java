package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.local.it.LocalStackSupport.await;
import static org.newsroom.local.it.NewsletterSupport.awaitEmail;
import static org.newsroom.local.it.NewsletterSupport.confirmPath;
import static org.newsroom.local.it.NewsletterSupport.stack;
import static org.newsroom.local.it.NewsletterSupport.subscribeJson;
import static org.newsroom.local.it.NewsletterSupport.uniqueAddress;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.local.MetricLines;

/**
 * The Embedded Metric Format lines the functions print while the local stack serves a signup, a
 * confirmation and a Stripe webhook: the lines CloudWatch Logs would turn into the metrics the
 * alarms and the dashboard read.
 */
class MetricsIT {

    private final MetricLines lines = stack().metricLines();

    @Test
    void signupAndConfirmation_shouldEachWriteTheirMetricLine() {
        long mark = lines.mark();
        String address = uniqueAddress("metrics");

        assertEquals(
                202,
                subscribeJson(
                                "{\"email\":\""
                                        + address
                                        + "\",\"newsletters\":[\"daily-briefing\"]}")
                        .statusCode());
        assertMetric(awaitLine(mark, "newsletter-signup", "SignupsAccepted"), null);

        String confirm = confirmPath(awaitEmail(address));
        assertMetric(awaitLine(mark, "confirmation-mailer", "ConfirmationEmailsSent"), null);

        assertEquals(
                200,
                LocalStackSupport.post(
                                "/subscriptions/confirm",
                                "application/x-www-form-urlencoded",
                                "token=" + confirm.substring(confirm.indexOf("token=") + 6),
                                "Accept",
                                "text/html")
                        .statusCode());
        assertMetric(awaitLine(mark, "subscription-links", "Confirmations"), null);
        assertFalse(
                lines.since(mark).stream().anyMatch(line -> line.contains(address)),
                "no address in a metric line");
    }

    @Test
    void webhook_shouldCountAcceptedAndStarted_andARefusedSignatureByReason() {
        long mark = lines.mark();

        assertEquals(
                200,
                StripeEvents.deliver(
                                StripeEvents.checkoutSubscription(
                                        StripeEvents.unique("evt"), StripeEvents.unique("sub")))
                        .statusCode());
        assertEquals(
                400,
                StripeEvents.deliver(
                                StripeEvents.checkoutSubscription(
                                        StripeEvents.unique("evt"), StripeEvents.unique("sub")),
                                "whsec_not_the_right_one")
                        .statusCode());

        assertMetric(awaitLine(mark, "stripe-webhook", "WebhooksAccepted"), null);
        assertMetric(awaitLine(mark, "stripe-webhook", "MembershipsStarted"), null);
        assertMetric(awaitLine(mark, "stripe-webhook", "WebhooksRefused"), "signature");
    }

    /** The first metric line since {@code mark} of this function and metric. */
    private JsonNode awaitLine(long mark, String function, String metric) {
        return await(
                function + " " + metric + " metric line",
                () -> find(lines.since(mark), function, metric));
    }

    private static Optional<JsonNode> find(List<String> written, String function, String metric) {
        return written.stream()
                .map(Json::parse)
                .filter(line -> function.equals(line.path("Function").asText()))
                .filter(line -> line.has(metric))
                .findFirst();
    }

    /** What CloudWatch requires of an EMF line, and what the alarms and dashboard read from it. */
    private static void assertMetric(JsonNode line, String reason) {
        JsonNode aws = line.get("_aws");
        assertTrue(aws.get("Timestamp").isIntegralNumber(), "_aws.Timestamp in milliseconds");
        JsonNode directive = aws.get("CloudWatchMetrics").get(0);
        assertEquals("Newsroom", directive.get("Namespace").asText());
        JsonNode dimensions = directive.get("Dimensions").get(0);
        assertEquals("Function", dimensions.get(0).asText());
        String metric = directive.get("Metrics").get(0).get("Name").asText();
        assertEquals("Count", directive.get("Metrics").get(0).get("Unit").asText());
        assertEquals(1, line.get(metric).asInt(), "the metric's value");
        assertTrue(line.get("Function").isTextual(), "the Function dimension's value");
        if (reason == null) {
            assertEquals(1, dimensions.size(), "only the Function dimension");
        } else {
            assertEquals("Reason", dimensions.get(1).asText());
            assertEquals(reason, line.get("Reason").asText());
        }
        assertTrue(line.get("awsRequestId").isTextual(), "the request id, to find its log lines");
    }
}

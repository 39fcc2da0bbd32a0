package org.newsroom.memberships.webhook;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.newsroom.core.config.Config;
import org.newsroom.core.http.ApiHandler;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.priming.ClassPreload;
import org.newsroom.memberships.MembershipService;
import org.newsroom.memberships.StripeSignature;

/**
 * {@code POST /webhooks/stripe}: checks the {@code Stripe-Signature} over the raw body exactly as
 * it arrived, then records the event's effect (see {@link StripeEventProcessor}) once. Every
 * delivery of a known event, first or retried, gets {@code 200 {"received":true}}; a bad signature
 * or a body that is not an event gets a 400 problem, so Stripe shows it as failed.
 */
public final class StripeWebhookHandler extends ApiHandler {

    static {
        // Before anything else: the classes of a cold start load on a second thread from here on.
        ClassPreload.start(StripeWebhookHandler.class);
    }

    /** Stripe events are small; anything much larger is not one. */
    static final int BODY_LIMIT_BYTES = 512 * 1024;

    /**
     * The answer to every event that was not refused: the same immutable response each time, made
     * once rather than per delivery.
     */
    static final HttpResponse RECEIVED =
            HttpResponse.json(200, "{\"received\":true}").withHeader("cache-control", "no-store");

    private final StripeSignature signature;
    private final StripeEventProcessor processor;
    private final Metrics metrics;

    /** Used by Lambda. */
    public StripeWebhookHandler() {
        this(System.getenv());
        StripeWebhookPriming.register(this, System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public StripeWebhookHandler(Map<String, String> environment) {
        this(
                StripeWebhookDependencies.create(
                        StripeWebhookSettings.from(Config.from(environment))));
    }

    private StripeWebhookHandler(StripeWebhookDependencies deployed) {
        this(deployed.signature(), deployed.processor(), deployed.log(), deployed.metrics());
    }

    /** For tests: every collaborator given. */
    public StripeWebhookHandler(
            StripeSignature signature, StripeEventProcessor processor, Log log, Metrics metrics) {
        super(log);
        this.signature = signature;
        this.processor = processor;
        this.metrics = metrics;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        if (!request.routeKey().equals("POST /webhooks/stripe")) {
            throw new ProblemException(Problem.notFound("There is nothing at this address."));
        }
        byte[] body = request.bodyBytes();
        if (body.length > BODY_LIMIT_BYTES) {
            refused("too-large");
            throw new ProblemException(Problem.payloadTooLarge(BODY_LIMIT_BYTES));
        }
        try {
            signature.verify(request.header("stripe-signature").orElse(""), body);
        } catch (StripeSignature.InvalidSignatureException e) {
            log().warn(
                            "webhook signature rejected",
                            Map.of("reason", e.reason(), "requestId", request.requestId()));
            refused("signature");
            throw new ProblemException(
                    Problem.of(
                            "invalid-signature",
                            "Invalid signature",
                            400,
                            "The Stripe-Signature header is missing, malformed, outside the time tolerance or does not match the body."));
        }
        StripeEventProcessor.EventHeader header;
        try {
            JsonNode event = Json.parse(new String(body, StandardCharsets.UTF_8));
            header =
                    StripeEventProcessor.header(event)
                            .orElseThrow(
                                    () ->
                                            new ProblemException(
                                                    Problem.badRequest(
                                                            "The body is not a Stripe event (id, type and data.object are required).")));
        } catch (ProblemException | Json.MalformedJsonException e) {
            refused("invalid");
            throw e;
        }
        // A ConcurrentChangeException becomes a 409: Stripe retries, and by then the race is over.
        MembershipService.Outcome outcome = processor.process(header);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("eventId", header.id());
        fields.put("eventType", header.type());
        fields.put("outcome", outcome.name());
        log().info("stripe event", fields);
        count(outcome);
        return RECEIVED;
    }

    private void refused(String reason) {
        metrics.count("WebhooksRefused", "Reason", reason);
    }

    private void count(MembershipService.Outcome outcome) {
        if (outcome == MembershipService.Outcome.DUPLICATE) {
            metrics.count("WebhooksDuplicate");
            return;
        }
        metrics.count("WebhooksAccepted");
        switch (outcome) {
            case STARTED, RESTARTED -> metrics.count("MembershipsStarted");
            case ENDED -> metrics.count("MembershipsEnded");
            case GIFT_RECORDED -> metrics.count("GiftsBought");
            case GIFT_NEEDS_ADDRESS -> {
                metrics.count("GiftsBought");
                metrics.count("GiftsNeedingAddress");
            }
            default -> {
                // Renewals, linked imports, refunds and no-ops change no business count.
            }
        }
    }
}

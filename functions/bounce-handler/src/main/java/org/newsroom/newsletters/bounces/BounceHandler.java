package org.newsroom.newsletters.bounces;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.events.SnsJson;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Invocation;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.priming.ClassPreload;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.SubscriptionRepository;

/**
 * Suppresses every address that bounced permanently or complained, on every newsletter and for any
 * future signup, from the SES configuration set's events delivered by SNS. Transient bounces are
 * ignored (SES retries them). Suppression is idempotent, so SNS redeliveries and duplicate events
 * are harmless; a storage failure is thrown so SNS retries the delivery. The returned summary
 * (counts only) is ignored by SNS and useful in tests and invocations.
 */
public final class BounceHandler implements RequestHandler<SNSEvent, String>, RequestStreamHandler {

    static {
        // Before anything else: the classes of a cold start load on a second thread from here on.
        ClassPreload.start(BounceHandler.class);
    }

    private final SubscriptionRepository repository;
    private final AddressKeys keys;
    private final Clock clock;
    private final Log log;
    private final Metrics metrics;
    private final Invocation.Tracker invocations = new Invocation.Tracker();

    /** Used by Lambda. */
    public BounceHandler() {
        this(System.getenv());
        BounceHandlerPriming.register(this, System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public BounceHandler(Map<String, String> environment) {
        this(BounceHandlerSettings.from(Config.from(environment)));
    }

    private BounceHandler(BounceHandlerSettings settings) {
        this(
                new DynamoDbSubscriptionRepository(
                        AwsClients.dynamoDb(), settings.subscriptionsTable()),
                new AddressKeys(Pepper.inSecretsManager(settings.pepper())),
                Clock.systemUTC(),
                new Log("bounce-handler"),
                new Metrics("bounce-handler"));
    }

    /** For tests: every collaborator given. */
    public BounceHandler(
            SubscriptionRepository repository,
            AddressKeys keys,
            Clock clock,
            Log log,
            Metrics metrics) {
        this.repository = repository;
        this.keys = keys;
        this.clock = clock;
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public String handleRequest(SNSEvent event, Context context) {
        try (Invocation ignored = invocations.begin(context)) {
            return handle(event);
        }
    }

    /**
     * What Lambda calls: the event is read and the summary written (as a JSON string, as the
     * runtime would) without Lambda's serialiser.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context)
            throws IOException {
        String summary = handleRequest(SnsJson.read(input), context);
        output.write(Json.write(summary).getBytes(StandardCharsets.UTF_8));
    }

    private String handle(SNSEvent event) {
        List<SNSEvent.SNSRecord> records =
                event.getRecords() == null ? List.of() : event.getRecords();
        int suppressed = 0;
        for (SNSEvent.SNSRecord record : records) {
            SNSEvent.SNS sns = record.getSNS();
            SesNotification notification =
                    SesNotification.parse(
                            sns == null || sns.getMessage() == null ? "" : sns.getMessage());
            for (EmailAddress address : notification.suppress()) {
                repository.suppress(
                        keys.id(address), address, notification.kind(), clock.instant());
                metrics.count("Suppressions", "Reason", notification.reason());
                suppressed++;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("messageId", sns == null ? null : sns.getMessageId());
            fields.put("kind", notification.kind());
            fields.put("suppressed", notification.suppress().size());
            log.info("ses notification", fields);
        }
        return "notifications=" + records.size() + " suppressed=" + suppressed;
    }
}

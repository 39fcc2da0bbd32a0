package org.newsroom.newsletters.mailer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.newsroom.core.config.Config;
import org.newsroom.core.events.DynamoDbStreamJson;
import org.newsroom.core.log.Invocation;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.core.priming.ClassPreload;
import org.newsroom.subscriptions.SubscriptionItems;

/**
 * Consumes the subscriptions table's stream and sends one confirmation email per confirmation
 * request inserted by a signup. Other records (subscription changes, suppressions, deletions) are
 * skipped.
 *
 * <p>Partial batch failures are reported ({@code ReportBatchItemFailures}): on the first record
 * that fails, its sequence number is returned and processing stops, so the event source mapping
 * retries from there (with bisect, a maximum record age and a dead-letter queue, as the template
 * configures). Records already sent are skipped by the claim, so retries and duplicate records
 * never send twice.
 *
 * <p>A send held by the hourly budget is reported the same way, after a pause ({@code holdPause},
 * within the invocation's remaining time), so the mapping retries it about once per pause until the
 * hour rolls over and the budget has room again; {@code ConfirmationsHeld} counts each hold.
 */
public final class ConfirmationMailerHandler
        implements RequestHandler<DynamodbEvent, StreamsEventResponse>, RequestStreamHandler {

    static {
        // Before anything else: the classes of a cold start load on a second thread from here on.
        ClassPreload.start(ConfirmationMailerHandler.class);
    }

    private final ConfirmationMailer mailer;
    private final HoldPause holdPause;
    private final Clock clock;
    private final Log log;
    private final Metrics metrics;
    private final Invocation.Tracker invocations = new Invocation.Tracker();

    /** Used by Lambda. */
    public ConfirmationMailerHandler() {
        this(System.getenv());
        ConfirmationMailerPriming.register(this, System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public ConfirmationMailerHandler(Map<String, String> environment) {
        this(
                ConfirmationMailerDependencies.create(
                        ConfirmationMailerSettings.from(Config.from(environment))));
    }

    private ConfirmationMailerHandler(ConfirmationMailerDependencies deployed) {
        this(
                deployed.mailer(),
                deployed.holdPause(),
                deployed.clock(),
                deployed.log(),
                deployed.metrics());
    }

    /** For tests: every collaborator given. */
    public ConfirmationMailerHandler(
            ConfirmationMailer mailer, HoldPause holdPause, Clock clock, Log log, Metrics metrics) {
        this.mailer = mailer;
        this.holdPause = holdPause;
        this.clock = clock;
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        try (Invocation ignored = invocations.begin(context)) {
            return handle(event, context);
        }
    }

    /** What Lambda calls: the event is read and the response written without its serialiser. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context)
            throws IOException {
        DynamoDbStreamJson.write(handleRequest(DynamoDbStreamJson.read(input), context), output);
    }

    private StreamsEventResponse handle(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            String sequence =
                    record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("eventId", record.getEventID());
            fields.put("sequenceNumber", sequence);
            try {
                if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null) {
                    continue;
                }
                Map<String, AttributeValue> keys = record.getDynamodb().getKeys();
                SubscriptionItems.ConfirmationRequestKey request =
                        SubscriptionItems.confirmationRequest(name -> text(keys, name))
                                .orElse(null);
                if (request == null) {
                    continue;
                }
                ConfirmationMailer.Result result =
                        mailer.send(request.addressId(), request.requestId(), clock.instant());
                fields.put("result", result.name().toLowerCase(Locale.ROOT));
                log.info("confirmation", fields);
                if (result == ConfirmationMailer.Result.SENT) {
                    metrics.count("ConfirmationEmailsSent");
                } else if (result == ConfirmationMailer.Result.CAPPED) {
                    metrics.count("ConfirmationsCapped");
                } else if (result == ConfirmationMailer.Result.HELD) {
                    metrics.count("ConfirmationsHeld");
                    holdPause.await(context);
                    failures.add(failure(sequence));
                    // This record and every one after it wait for the next hour's budget.
                    break;
                }
            } catch (RuntimeException e) {
                log.error("confirmation failed", fields, e);
                failures.add(failure(sequence));
                // Stop here: the event source mapping retries from this record on.
                break;
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private static StreamsEventResponse.BatchItemFailure failure(String sequence) {
        return StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(sequence).build();
    }

    private static String text(Map<String, AttributeValue> keys, String name) {
        AttributeValue value = keys == null ? null : keys.get(name);
        return value == null ? null : value.getS();
    }
}

package org.newsroom.newsletters.mailer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.log.Log;
import org.newsroom.subscriptions.CachedNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbNewsletterCatalogue;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.RawEmail;
import org.newsroom.subscriptions.SubscriptionItems;
import org.newsroom.subscriptions.TokenKeyRing;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes the subscriptions table's stream and sends one confirmation email per confirmation
 * request inserted by a signup. Other records (subscription changes, suppressions, deletions)
 * are skipped.
 *
 * <p>Partial batch failures are reported ({@code ReportBatchItemFailures}): on the first record
 * that fails, its sequence number is returned and processing stops, so the event source
 * mapping retries from there (with bisect, a maximum record age and a dead-letter queue, as the
 * template configures). Records already sent are skipped by the claim, so retries and duplicate
 * records never send twice.
 */
public final class ConfirmationMailerHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final ConfirmationMailer mailer;
    private final Clock clock;
    private final Log log;

    /** Used by Lambda. */
    public ConfirmationMailerHandler() {
        this(System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public ConfirmationMailerHandler(Map<String, String> environment) {
        this(Config.from(environment), AwsClients.dynamoDb(),
                AwsClients.sesV2());
    }

    private ConfirmationMailerHandler(Config config, DynamoDbClient dynamo, SesV2Client ses) {
        this(new ConfirmationMailer(
                        new DynamoDbSubscriptionRepository(dynamo, config.require("SUBSCRIPTIONS_TABLE")),
                        new CachedNewsletterCatalogue(new DynamoDbNewsletterCatalogue(dynamo, config.require("NEWSLETTERS_TABLE")),
                                Clock.systemUTC(), Duration.ofMinutes(1)),
                        new LinkTokens(TokenKeyRing.parse("TOKEN_KEYS", config.require("TOKEN_KEYS")),
                                config.getSeconds("CONFIRM_TOKEN_TTL_SECONDS", LinkTokens.DEFAULT_CONFIRM_TTL)),
                        new SesMailSender(ses, config.require("CONFIGURATION_SET"), Thread::sleep),
                        RawEmail.mailbox(config.get("PUBLISHER_NAME", ""), config.require("SENDER_ADDRESS")),
                        config.get("PUBLISHER_NAME", "our newsroom"),
                        config.requireUrl("PUBLIC_API_URL").toString()),
                Clock.systemUTC(),
                new Log("confirmation-mailer"));
    }

    /** For tests: every collaborator given. */
    public ConfirmationMailerHandler(ConfirmationMailer mailer, Clock clock, Log log) {
        this.mailer = mailer;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            String sequence = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("eventId", record.getEventID());
            fields.put("sequenceNumber", sequence);
            try {
                if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null) {
                    continue;
                }
                Map<String, AttributeValue> keys = record.getDynamodb().getKeys();
                String pk = text(keys, SubscriptionItems.PK);
                String sk = text(keys, SubscriptionItems.SK);
                if (pk == null || sk == null || !sk.startsWith(SubscriptionItems.CONFIRM_PREFIX)) {
                    continue;
                }
                ConfirmationMailer.Result result = mailer.send(pk, sk.substring(SubscriptionItems.CONFIRM_PREFIX.length()), clock.instant());
                fields.put("result", result.name().toLowerCase(java.util.Locale.ROOT));
                log.info("confirmation", fields);
            } catch (RuntimeException e) {
                log.error("confirmation failed", fields, e);
                failures.add(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(sequence).build());
                // Stop here: the event source mapping retries from this record on.
                break;
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private static String text(Map<String, AttributeValue> keys, String name) {
        if (keys == null) {
            return null;
        }
        AttributeValue value = keys.get(name);
        return value == null ? null : value.getS();
    }
}

package org.newsroom.memberships.gifts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.log.Log;
import org.newsroom.memberships.DynamoDbMembershipRepository;
import org.newsroom.memberships.GiftEmails;
import org.newsroom.memberships.GiftMailer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs on a schedule (an EventBridge scheduled event; its content is not needed) and sends
 * the gift emails that are due: codes to recipients on their delivery date, receipt notes to
 * buyers. Overlapping runs never send one email twice (see {@link GiftMailer}).
 *
 * <p>The input is taken as a plain map rather than {@code ScheduledEvent}, whose date type
 * would add joda-time to the jar for a field this function does not read.
 */
public final class GiftMailerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final GiftMailer mailer;
    private final Log log;

    /** Used by Lambda. */
    public GiftMailerHandler() {
        this(System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public GiftMailerHandler(Map<String, String> environment) {
        this(checked(Config.from(environment)), Clock.systemUTC(), new Log("gift-mailer"));
    }

    private GiftMailerHandler(Config config, Clock clock, Log log) {
        this(new GiftMailer(
                new DynamoDbMembershipRepository(AwsClients.dynamoDb(),
                        config.require("MEMBERSHIPS_TABLE"), config.getInt("COUNTER_SHARDS", 10, 1, 50), clock),
                new SesMailSender(AwsClients.sesV2(),
                        config.require("SENDER_ADDRESS"), config.optional("CONFIGURATION_SET")),
                new GiftEmails(config.require("PUBLISHER_NAME"), config.requireUrl("GIFT_REDEEM_URL").toString()),
                clock, log), log);
    }

    /** Reads every setting before any client is built, so a misconfiguration fails the cold start by name. */
    private static Config checked(Config config) {
        for (String name : new String[] {"MEMBERSHIPS_TABLE", "SENDER_ADDRESS", "PUBLISHER_NAME"}) {
            config.require(name);
        }
        config.requireUrl("GIFT_REDEEM_URL");
        org.newsroom.memberships.Campaign.fromConfig(config);
        return config;
    }

    /** For tests: every collaborator given. */
    public GiftMailerHandler(GiftMailer mailer, Log log) {
        this.mailer = mailer;
        this.log = log;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        GiftMailer.Result result = mailer.run();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("sent", result.sent());
        summary.put("skipped", result.skipped());
        summary.put("failed", result.failed());
        if (result.sent() + result.skipped() + result.failed() > 0) {
            log.info("gift mail run", summary);
        }
        return summary;
    }
}

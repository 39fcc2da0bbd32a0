package org.newsroom.memberships.gifts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.log.Invocation;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;
import org.newsroom.mail.SesMailSender;
import org.newsroom.memberships.Counting;
import org.newsroom.memberships.DynamoDbGiftJobQueue;
import org.newsroom.memberships.DynamoDbGiftRepository;
import org.newsroom.memberships.DynamoDbMemberRepository;
import org.newsroom.memberships.DynamoDbProcessedEvents;
import org.newsroom.memberships.GiftRepository;
import org.newsroom.memberships.MembershipService;
import org.newsroom.memberships.MembershipTable;

/**
 * Runs on a schedule (an EventBridge scheduled event; its content is not needed) and runs the gift
 * jobs that are due (see {@link GiftJobRunner}): codes to recipients on their delivery date,
 * receipt notes to buyers, and, despite the function's name, the end of each gift membership when
 * its year is over. Overlapping runs never run one job twice.
 *
 * <p>The input is taken as a plain map rather than {@code ScheduledEvent}: nothing in the event is
 * read, so there is nothing to map it to.
 */
public final class GiftMailerHandler
        implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final GiftJobRunner runner;
    private final Log log;
    private final Invocation.Tracker invocations = new Invocation.Tracker();

    /** Used by Lambda. */
    public GiftMailerHandler() {
        this(System.getenv());
        GiftMailerPriming.register(this, System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public GiftMailerHandler(Map<String, String> environment) {
        this(
                GiftMailerSettings.from(Config.from(environment)),
                Clock.systemUTC(),
                new Log("gift-mailer"));
    }

    private GiftMailerHandler(GiftMailerSettings settings, Clock clock, Log log) {
        this(
                runner(
                        settings,
                        MembershipTable.create(AwsClients.dynamoDb(), settings.table(), clock),
                        clock,
                        log),
                log);
    }

    private static GiftJobRunner runner(
            GiftMailerSettings settings, MembershipTable table, Clock clock, Log log) {
        GiftRepository gifts = new DynamoDbGiftRepository(table);
        // Ending a gift membership counts supporters only: campaigns count joins, not ends.
        MembershipService memberships =
                new MembershipService(
                        new DynamoDbMemberRepository(table),
                        gifts,
                        new DynamoDbProcessedEvents(table),
                        Counting.supportersOnly(),
                        clock);
        return new GiftJobRunner(
                new DynamoDbGiftJobQueue(table),
                gifts,
                memberships,
                SesMailSender.create(AwsClients.sesV2(), settings.mail().configurationSet()),
                new GiftEmails(
                        settings.mail().from(),
                        settings.mail().publisherName(),
                        settings.redeemUrl().toString()),
                clock,
                log,
                new Metrics("gift-mailer"));
    }

    /** For tests: every collaborator given. */
    public GiftMailerHandler(GiftJobRunner runner, Log log) {
        this.runner = runner;
        this.log = log;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try (Invocation ignored = invocations.begin(context)) {
            GiftJobRunner.Result result = runner.run();
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
}

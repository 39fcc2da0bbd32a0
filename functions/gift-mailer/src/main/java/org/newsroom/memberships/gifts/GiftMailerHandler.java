package org.newsroom.memberships.gifts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.newsroom.core.config.Config;
import org.newsroom.core.json.Json;
import org.newsroom.core.log.Invocation;
import org.newsroom.core.log.Log;
import org.newsroom.core.priming.ClassPreload;

/**
 * Runs on a schedule (an EventBridge scheduled event; its content is not needed) and runs the gift
 * jobs that are due (see {@link GiftJobRunner}): codes to recipients on their delivery date,
 * receipt notes to buyers, and, despite the function's name, the end of each gift membership when
 * its year is over. Overlapping runs never run one job twice.
 *
 * <p>The input is taken as a plain map rather than {@code ScheduledEvent}: nothing in the event is
 * read, so there is nothing to map it to. Lambda calls the stream overload, which never parses the
 * event and writes the summary with the project's mapper, so the runtime's own serialiser (a shaded
 * Jackson and joda-time) is never loaded.
 */
public final class GiftMailerHandler
        implements RequestHandler<Map<String, Object>, Map<String, Object>>, RequestStreamHandler {

    static {
        // Before anything else: the classes of a cold start load on a second thread from here on.
        ClassPreload.start(GiftMailerHandler.class);
    }

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
        this(GiftMailerDependencies.create(GiftMailerSettings.from(Config.from(environment))));
    }

    private GiftMailerHandler(GiftMailerDependencies dependencies) {
        this(dependencies.runner(), dependencies.log());
    }

    /** For tests: every collaborator given. */
    public GiftMailerHandler(GiftJobRunner runner, Log log) {
        this.runner = runner;
        this.log = log;
    }

    /** What Lambda calls: the scheduled event's content is not needed, so it is not parsed. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context)
            throws IOException {
        Json.write(Json.toNode(handleRequest(Map.of(), context)), output);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try (Invocation ignored = invocations.begin(context)) {
            GiftJobRunner.Result result = runner.run();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("sent", result.sent());
            summary.put("skipped", result.skipped());
            summary.put("failed", result.failed());
            summary.put("deadLettered", result.deadLettered());
            if (result.sent() + result.skipped() + result.failed() > 0) {
                log.info("gift mail run", summary);
            }
            return summary;
        }
    }
}

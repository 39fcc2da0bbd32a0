package org.newsroom.newsletters.sending;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.newsroom.core.config.Config;
import org.newsroom.core.events.SqsJson;
import org.newsroom.core.log.Invocation;
import org.newsroom.core.log.Log;
import org.newsroom.core.priming.ClassPreload;
import org.newsroom.issues.SendJob;
import org.newsroom.mail.MailSender;

/**
 * Consumes the send queue ({@link SendJob}s). Reports partial batch failures ({@code
 * ReportBatchItemFailures}): a job to retry stays in the queue and comes back after the visibility
 * timeout; after {@code maxReceiveCount} deliveries SQS moves it to the dead-letter queue. Jobs
 * left when the invocation is close to its timeout are returned unprocessed.
 */
public final class IssueSenderHandler
        implements RequestHandler<SQSEvent, SQSBatchResponse>, RequestStreamHandler {

    static {
        // Before anything else: the classes of a cold start load on a second thread from here on.
        ClassPreload.start(IssueSenderHandler.class);
    }

    /** Below this much remaining time, no new job starts. */
    static final int RESERVE_MILLIS = 15_000;

    private final IssueSender sender;
    private final double ratePerSecond;
    private final Log log;
    private final Invocation.Tracker invocations = new Invocation.Tracker();

    /** Used by Lambda. */
    public IssueSenderHandler() {
        this(System.getenv());
        IssueSenderPriming.register(this, System.getenv());
    }

    /** Used by the local stack, which resolves each function's environment from the template. */
    public IssueSenderHandler(Map<String, String> environment) {
        this(environment, UnaryOperator.identity());
    }

    /**
     * For the local stack's integration tests only: the handler {@code environment} describes, with
     * its mail sender passed through {@code decorator} (which injects SES failures).
     */
    public static IssueSenderHandler withMailSenderForTest(
            Map<String, String> environment, UnaryOperator<MailSender> decorator) {
        return new IssueSenderHandler(environment, decorator);
    }

    private IssueSenderHandler(
            Map<String, String> environment, UnaryOperator<MailSender> decorator) {
        this(
                IssueSenderDependencies.create(
                        IssueSenderSettings.from(Config.from(environment)), decorator));
    }

    private IssueSenderHandler(IssueSenderDependencies deployed) {
        this(deployed.sender(), deployed.ratePerSecond(), deployed.log());
    }

    /** For tests: every collaborator given. */
    IssueSenderHandler(IssueSender sender, double ratePerSecond, Log log) {
        this.sender = sender;
        this.ratePerSecond = ratePerSecond;
        this.log = log;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try (Invocation ignored = invocations.begin(context)) {
            return handle(event, context);
        }
    }

    /** What Lambda calls: the event is read and the response written without its serialiser. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context)
            throws IOException {
        SqsJson.write(handleRequest(SqsJson.read(input), context), output);
    }

    private SQSBatchResponse handle(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        SendPacer pacer = new SendPacer(ratePerSecond, Thread::sleep);
        List<SQSEvent.SQSMessage> records =
                event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("messageId", message.getMessageId());
            if (context != null && context.getRemainingTimeInMillis() < RESERVE_MILLIS) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            SendJob job;
            try {
                job = SendJob.parse(message.getBody());
            } catch (IllegalArgumentException e) {
                // Not ours: retrying cannot help, and the dead-letter queue keeps it for a look.
                log.warn("unreadable send job", fields);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            fields.put("kind", job.kind().name().toLowerCase(java.util.Locale.ROOT));
            fields.put("issueId", job.issueId());
            fields.put("readers", job.addressIds().size());
            try {
                IssueSender.Result result = sender.run(job, receiveCount(message), pacer);
                fields.put("result", result.name().toLowerCase(java.util.Locale.ROOT));
                log.info("send job", fields);
                if (result == IssueSender.Result.RETRY) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            } catch (RuntimeException e) {
                log.error("send job failed", fields, e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        try {
            return attributes == null
                    ? 1
                    : Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}

package org.newsroom.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.newsroom.core.json.Json;

/**
 * Emulates a function's {@code Schedule} events: instead of the template's rate or cron, it fires
 * every few seconds (so a newcomer sees scheduled work happen at once), delivering the same JSON
 * EventBridge sends ({@code "detail-type": "Scheduled Event"}). Runs never overlap within one
 * runner; the functions must tolerate overlap anyway, as on AWS. A failed run is retried at once,
 * up to the template's {@code MaximumRetryAttempts}, then its failure record goes to the function's
 * on-failure destination ({@link AsyncFailures}).
 */
final class ScheduleRunner implements LocalService {

    /** Seconds between runs; {@code -Dnewsroom.schedule.seconds=N} changes it. */
    static final long PERIOD_SECONDS = Long.getLong("newsroom.schedule.seconds", 5);

    private final FunctionSpec function;
    private final Object handler;
    private final String ruleName;
    private final ScheduledExecutorService timer;
    private final AsyncFailures failures;

    ScheduleRunner(
            FunctionSpec function, String eventName, Object handler, AsyncFailures failures) {
        this.function = function;
        this.handler = handler;
        this.failures = failures;
        this.ruleName = function.logicalId() + eventName;
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "local-schedule-" + ruleName);
                            t.setDaemon(true);
                            return t;
                        });
    }

    @Override
    public void start() {
        timer.scheduleWithFixedDelay(this::fire, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        System.out.println(
                "local: "
                        + function.logicalId()
                        + " runs every "
                        + PERIOD_SECONDS
                        + " s (its Schedule event)");
    }

    /**
     * One scheduled invocation with its retries; the next run happens whatever becomes of this one.
     */
    void fire() {
        Map<String, Object> event = event(ruleName);
        for (int attempt = 1; ; attempt++) {
            try {
                invoke(handler, event);
                return;
            } catch (RuntimeException e) {
                if (attempt >= failures.attempts()) {
                    failures.exhausted(Json.write(event), e, attempt);
                    return;
                }
                System.out.println(
                        "local: scheduled run of "
                                + function.logicalId()
                                + " failed (attempt "
                                + attempt
                                + " of "
                                + failures.attempts()
                                + "): "
                                + e.getClass().getSimpleName());
            }
        }
    }

    /** The event EventBridge delivers for a schedule rule. */
    static Map<String, Object> event(String ruleName) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", Intrinsics.ACCOUNT);
        event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", Intrinsics.REGION);
        event.put(
                "resources",
                List.of(
                        "arn:aws:events:"
                                + Intrinsics.REGION
                                + ":"
                                + Intrinsics.ACCOUNT
                                + ":rule/"
                                + ruleName));
        event.put("detail", Map.of());
        return event;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void invoke(Object target, Map<String, Object> event) {
        Object input = event;
        Class<?> type = inputType(target);
        if (!type.isAssignableFrom(Map.class)) {
            // A handler that declares an event class gets the JSON bound to it, as Lambda would.
            input = new ObjectMapper().convertValue(event, type);
        }
        ((RequestHandler) target).handleRequest(input, new LocalContext(function.logicalId(), 15));
    }

    static Class<?> inputType(Object target) {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals("handleRequest")
                    && method.getParameterCount() == 2
                    && !method.isBridge()) {
                return method.getParameterTypes()[0];
            }
        }
        return Object.class;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

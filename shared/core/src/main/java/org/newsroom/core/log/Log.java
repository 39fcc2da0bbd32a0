package org.newsroom.core.log;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.newsroom.core.time.Timestamps;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One JSON line per event on standard output, which Lambda ships to CloudWatch Logs.
 *
 * <p>Callers pass only fields that are safe to keep: never an email address, a token or a request
 * body. Exceptions are logged by class and origin, not by message, because SDK and parser messages
 * can echo user input. Inside an open {@link Invocation} every line also carries the Lambda request
 * id and the cold-start flag.
 */
public final class Log {

    private final String function;
    private final PrintStream out;

    /** {@code ,"function":"..."}: the same in every line. */
    private final String functionField;

    public Log(String function) {
        this(function, System.out);
    }

    public Log(String function, PrintStream out) {
        this.function = function;
        this.out = out;
        this.functionField = JsonLine.start().raw(",\"function\":").string(function).text();
    }

    public void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields, null);
    }

    public void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields, null);
    }

    public void error(String message, Map<String, ?> fields, Throwable error) {
        write("ERROR", message, fields, error);
    }

    private void write(String level, String message, Map<String, ?> fields, Throwable error) {
        build(level, message, fields, error).writeTo(out);
    }

    /** The line's text, as {@link #info}, {@link #warn} and {@link #error} write it. */
    String line(String level, String message, Map<String, ?> fields, Throwable error) {
        return build(level, message, fields, error).text();
    }

    /** Names the line gives its own fields, which a caller's field replaces in place. */
    private static final Set<String> OWN_FIELDS =
            Set.of(
                    "time",
                    "level",
                    "function",
                    "message",
                    "awsRequestId",
                    "coldStart",
                    "errorType",
                    "errorAt",
                    "causeType",
                    "awsErrorCode");

    /**
     * The line's fields in order: time, level, function, message, the invocation's request id and
     * cold-start flag, the caller's fields, what the error says. The usual line (no caller's field
     * named like one of the line's own) is written straight into the buffer; otherwise the fields
     * are gathered in a map first, so that a caller's field replaces the line's own in place.
     */
    private JsonLine build(String level, String message, Map<String, ?> fields, Throwable error) {
        String time = Timestamps.format(Instant.now());
        for (String name : fields.keySet()) {
            if (name == null || OWN_FIELDS.contains(name)) {
                return merged(time, level, message, fields, error);
            }
        }
        JsonLine line = JsonLine.start().raw("{\"time\":").string(time);
        line.raw(",\"level\":").string(level).raw(functionField).raw(",\"message\":");
        line.string(message);
        Invocation invocation = Invocation.current();
        if (invocation != null) {
            if (invocation.requestId() != null) {
                line.raw(",\"awsRequestId\":").string(invocation.requestId());
            }
            line.raw(",\"coldStart\":").bool(invocation.coldStart());
        }
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            line.name(field.getKey()).value(field.getValue());
        }
        if (error != null) {
            line.raw(",\"errorType\":").string(error.getClass().getName());
            StackTraceElement[] trace = error.getStackTrace();
            if (trace.length > 0) {
                line.raw(",\"errorAt\":").string(trace[0].toString());
            }
            Throwable cause = error.getCause();
            if (cause != null) {
                line.raw(",\"causeType\":").string(cause.getClass().getName());
            }
            String code = awsErrorCode(error);
            if (code != null) {
                line.raw(",\"awsErrorCode\":").string(code);
            }
        }
        return line.raw('}');
    }

    private JsonLine merged(
            String time, String level, String message, Map<String, ?> fields, Throwable error) {
        Map<String, Object> merged = new LinkedHashMap<>(16);
        merged.put("time", time);
        merged.put("level", level);
        merged.put("function", function);
        merged.put("message", message);
        Invocation invocation = Invocation.current();
        if (invocation != null) {
            if (invocation.requestId() != null) {
                merged.put("awsRequestId", invocation.requestId());
            }
            merged.put("coldStart", invocation.coldStart());
        }
        merged.putAll(fields);
        if (error != null) {
            merged.put("errorType", error.getClass().getName());
            StackTraceElement[] trace = error.getStackTrace();
            if (trace.length > 0) {
                merged.put("errorAt", trace[0].toString());
            }
            Throwable cause = error.getCause();
            if (cause != null) {
                merged.put("causeType", cause.getClass().getName());
            }
            String code = awsErrorCode(error);
            if (code != null) {
                merged.put("awsErrorCode", code);
            }
        }
        JsonLine line = JsonLine.start().raw('{');
        boolean first = true;
        for (Map.Entry<String, Object> field : merged.entrySet()) {
            if (first) {
                line.string(field.getKey()).raw(':');
                first = false;
            } else {
                line.name(field.getKey());
            }
            line.value(field.getValue());
        }
        return line.raw('}');
    }

    /**
     * The AWS service's error code from the first SDK service exception in the cause chain ({@code
     * AccessDeniedException}, {@code ThrottlingException}, ...), so an access problem and a
     * throttle do not read alike; null when there is none. The code is a fixed word chosen by the
     * service, unlike the message, which can echo request data.
     */
    static String awsErrorCode(Throwable error) {
        try {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (t instanceof AwsServiceException e && e.awsErrorDetails() != null) {
                    return e.awsErrorDetails().errorCode();
                }
            }
        } catch (NoClassDefFoundError e) {
            // A jar without the AWS SDK: no service exception can occur.
        }
        return null;
    }
}

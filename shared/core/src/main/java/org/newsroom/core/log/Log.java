package org.newsroom.core.log;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.newsroom.core.json.JsonObjectWriter;
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

    public Log(String function) {
        this(function, System.out);
    }

    public Log(String function, PrintStream out) {
        this.function = function;
        this.out = out;
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
        String text = line(level, message, fields, error);
        synchronized (out) {
            out.println(text);
        }
    }

    /**
     * The line's text. The fields are gathered in order first (a caller's field named like one of
     * the line's own replaces it in place) and then written straight to text, with no tree between.
     */
    String line(String level, String message, Map<String, ?> fields, Throwable error) {
        Map<String, Object> line = new LinkedHashMap<>(16);
        line.put("time", Timestamps.format(Instant.now()));
        line.put("level", level);
        line.put("function", function);
        line.put("message", message);
        Invocation invocation = Invocation.current();
        if (invocation != null) {
            if (invocation.requestId() != null) {
                line.put("awsRequestId", invocation.requestId());
            }
            line.put("coldStart", invocation.coldStart());
        }
        line.putAll(fields);
        if (error != null) {
            line.put("errorType", error.getClass().getName());
            StackTraceElement[] trace = error.getStackTrace();
            if (trace.length > 0) {
                line.put("errorAt", trace[0].toString());
            }
            Throwable cause = error.getCause();
            if (cause != null) {
                line.put("causeType", cause.getClass().getName());
            }
            String code = awsErrorCode(error);
            if (code != null) {
                line.put("awsErrorCode", code);
            }
        }
        JsonObjectWriter text = JsonObjectWriter.text();
        line.forEach(text::putValue);
        return text.toText();
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

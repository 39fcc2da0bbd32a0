package org.newsroom.core.log;

import java.util.LinkedHashMap;
import java.util.Map;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonObjectWriter;
import org.newsroom.core.json.ObjectNode;

/**
 * The log and metric lines as they were written through the JSON generator before {@link JsonLine}
 * assembled them by hand: the reference the new lines are compared with, byte for byte.
 */
final class ReferenceLogLines {

    private ReferenceLogLines() {}

    /** A {@link Log} line, with the time it carries given. */
    static String logLine(
            String time,
            String function,
            String level,
            String message,
            Map<String, ?> fields,
            Throwable error,
            Invocation invocation) {
        Map<String, Object> line = new LinkedHashMap<>(16);
        line.put("time", time);
        line.put("level", level);
        line.put("function", function);
        line.put("message", message);
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
            String code = Log.awsErrorCode(error);
            if (code != null) {
                line.put("awsErrorCode", code);
            }
        }
        JsonObjectWriter text = JsonObjectWriter.text();
        line.forEach(text::putValue);
        return text.toText();
    }

    /** A {@link Metrics} line; {@code dimension} and {@code value} null for a metric without. */
    static String metricLine(
            long millis,
            String function,
            String metric,
            String dimension,
            String value,
            Invocation invocation) {
        ArrayNode directives = Json.array();
        ObjectNode directive = directives.addObject();
        directive.put("Namespace", Metrics.NAMESPACE);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensionSet.add(Metrics.FUNCTION);
        if (dimension != null) {
            dimensionSet.add(dimension);
        }
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", "Count");

        JsonObjectWriter line = JsonObjectWriter.text();
        line.startObject("_aws")
                .put("Timestamp", millis)
                .putRaw("CloudWatchMetrics", directives.toString())
                .endObject();
        line.put(Metrics.FUNCTION, function);
        if (dimension != null) {
            line.put(dimension, value);
        }
        line.put(metric, 1);
        if (invocation != null) {
            if (invocation.requestId() != null) {
                line.put("awsRequestId", invocation.requestId());
            }
            line.put("coldStart", invocation.coldStart());
        }
        return line.toText();
    }
}

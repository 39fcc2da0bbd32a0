package org.newsroom.core.log;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;

/**
 * Business metrics as CloudWatch Embedded Metric Format lines on standard output: CloudWatch Logs
 * turns each line into metric data points, so counting costs no API call and no latency.
 *
 * <p>Every metric is a count in the {@value #NAMESPACE} namespace with the dimension {@code
 * Function} (this function's short name) and, when given, one more dimension such as {@code
 * Reason}. Dimension values are fixed words chosen by the code (never user input, never personal
 * data); an invalid name or value is refused rather than written. Inside an open {@link Invocation}
 * the line also carries the request id and the cold-start flag as plain properties, so a metric can
 * be traced to its request in Logs Insights.
 */
public final class Metrics {

    /** The CloudWatch namespace of every Newsroom metric. */
    public static final String NAMESPACE = "Newsroom";

    /** The dimension every metric carries: the function's short name. */
    public static final String FUNCTION = "Function";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
    private static final Pattern VALUE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final String function;
    private final PrintStream out;
    private final Clock clock;

    public Metrics(String function) {
        this(function, System.out, Clock.systemUTC());
    }

    public Metrics(String function, PrintStream out, Clock clock) {
        this.function = checkValue(Objects.requireNonNull(function, "function"));
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Counts one {@code metric}. */
    public void count(String metric) {
        write(metric, Map.of());
    }

    /**
     * Counts one {@code metric} with one more dimension, e.g. {@code count("SignupsRefused",
     * "Reason", "honeypot")}.
     */
    public void count(String metric, String dimension, String value) {
        write(metric, Map.of(checkName(dimension), checkValue(value)));
    }

    private void write(String metric, Map<String, String> extra) {
        checkName(metric);
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put(FUNCTION, function);
        dimensions.putAll(extra);

        ObjectNode line = Json.object();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(dimensionSet::add);
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", "Count");
        dimensions.forEach(line::put);
        line.put(metric, 1);
        Invocation invocation = Invocation.current();
        if (invocation != null) {
            if (invocation.requestId() != null) {
                line.put("awsRequestId", invocation.requestId());
            }
            line.put("coldStart", invocation.coldStart());
        }
        String text = line.toString();
        synchronized (out) {
            out.println(text);
        }
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals(FUNCTION)) {
            throw new IllegalArgumentException("Not a metric or dimension name: " + name);
        }
        return name;
    }

    private static String checkValue(String value) {
        if (value == null || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "Not a dimension value (lower-case words and dashes): " + value);
        }
        return value;
    }
}

package org.newsroom.core.log;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Names the line gives its own fields, which no metric or dimension may take. */
    private static final Set<String> LINE_FIELDS = Set.of(FUNCTION, "awsRequestId", "coldStart");

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
        write(shape(Arrays.asList(metric)));
    }

    /**
     * Counts one {@code metric} with one more dimension, e.g. {@code count("SignupsRefused",
     * "Reason", "honeypot")}.
     */
    public void count(String metric, String dimension, String value) {
        write(shape(Arrays.asList(metric, dimension, value)));
    }

    /**
     * What a line of this metric and dimension always holds, checked and rendered once: {@code
     * tail} is the line from after the timestamp to the metric's value ({@code
     * ,"CloudWatchMetrics":[...]},"Function":"...",["Reason":"...",]"Metric":1}). Built at the
     * first count and kept, so a count checks no pattern and renders no directive again; a function
     * counts only a handful of distinct metrics.
     */
    private record Shape(String tail) {}

    private final Map<List<String>, Shape> shapes = new ConcurrentHashMap<>();

    /**
     * {@code key}: the metric, or the metric, the dimension and its value (nulls refused later).
     */
    private Shape shape(List<String> key) {
        Shape known = shapes.get(key);
        return known != null ? known : shapes.computeIfAbsent(key, this::newShape);
    }

    private Shape newShape(List<String> key) {
        String metric = checkName(key.get(0));
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put(FUNCTION, function);
        if (key.size() == 3) {
            String dimension = checkName(key.get(1));
            if (dimension.equals(metric)) {
                throw new IllegalArgumentException(
                        "A metric and its dimension need different names: " + metric);
            }
            dimensions.put(dimension, checkValue(key.get(2)));
        }
        ArrayNode directives = Json.array();
        ObjectNode directive = directives.addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(dimensionSet::add);
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", "Count");
        JsonLine tail = JsonLine.start().raw(",\"CloudWatchMetrics\":").raw(directives.toString());
        tail.raw('}');
        dimensions.forEach((name, value) -> tail.name(name).string(value));
        return new Shape(tail.name(metric).raw('1').text());
    }

    /** The line: {@code {"_aws":{"Timestamp":millis} + tail + the invocation's fields + "}"}. */
    private void write(Shape shape) {
        JsonLine line = JsonLine.start().raw("{\"_aws\":{\"Timestamp\":").number(clock.millis());
        line.raw(shape.tail());
        Invocation invocation = Invocation.current();
        if (invocation != null) {
            if (invocation.requestId() != null) {
                line.raw(",\"awsRequestId\":").string(invocation.requestId());
            }
            line.raw(",\"coldStart\":").bool(invocation.coldStart());
        }
        line.raw('}').writeTo(out);
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || LINE_FIELDS.contains(name)) {
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

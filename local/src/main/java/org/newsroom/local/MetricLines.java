package org.newsroom.local;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The Embedded Metric Format lines the functions print, kept in memory for tests. Standard output
 * is unchanged: every line is still printed (on Lambda, CloudWatch Logs turns these lines into
 * metrics; locally, {@code make run} shows them), and the metric lines, which {@code
 * org.newsroom.core.log.Metrics} starts with {@code {"_aws":}, are also kept, the newest {@value
 * #KEEP}.
 *
 * <p>Installed once per JVM, before the functions are constructed: they take {@code System.out}
 * when they are built.
 */
public final class MetricLines {

    static final int KEEP = 1_000;
    private static final String PREFIX = "{\"_aws\":";

    private static MetricLines installed;

    private final Deque<String> lines = new ArrayDeque<>();
    private long written;

    MetricLines() {}

    /** Tees standard output into the kept lines, once; later calls return the same instance. */
    static synchronized MetricLines install() {
        if (installed == null) {
            MetricLines sink = new MetricLines();
            System.setOut(sink.tee(System.out));
            installed = sink;
        }
        return installed;
    }

    PrintStream tee(PrintStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                // The line and its end in one write, as a function's line reaches Lambda's log
                // pipe: PrintStream's own println writes them apart (two writes to the pipe).
                byte[] bytes = (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
                synchronized (this) {
                    write(bytes, 0, bytes.length);
                }
                if (line != null && line.startsWith(PREFIX)) {
                    keep(line);
                }
            }
        };
    }

    private synchronized void keep(String line) {
        if (lines.size() == KEEP) {
            lines.removeFirst();
        }
        lines.addLast(line);
        written++;
    }

    /** A position to read from later: the number of metric lines written so far. */
    public synchronized long mark() {
        return written;
    }

    /** The metric lines written since {@code mark} (as many of them as are still kept). */
    public synchronized List<String> since(long mark) {
        long fresh = Math.min(written - mark, lines.size());
        return lines.stream().skip(lines.size() - fresh).toList();
    }
}

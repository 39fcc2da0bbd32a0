package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricLinesTest {

    @Test
    void tee_shouldPrintEveryLineWhole_inOneWrite_andKeepOnlyTheMetricLines() {
        List<String> writes = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        OutputStream pipe =
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        writes.add(new String(b, off, len, StandardCharsets.UTF_8));
                        all.write(b, off, len);
                    }
                };
        MetricLines sink = new MetricLines();
        PrintStream out = sink.tee(new PrintStream(pipe, true, StandardCharsets.UTF_8));
        long mark = sink.mark();
        String log = "{\"level\":\"INFO\",\"message\":\"request\",\"note\":\"caf\u00e9\"}";
        String metric = "{\"_aws\":{\"Timestamp\":1},\"Requests\":1}";

        out.println(log);
        out.println(metric);

        String end = System.lineSeparator();
        assertEquals(log + end + metric + end, all.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(log + end, metric + end), writes, "one write per line");
        assertEquals(List.of(metric), sink.since(mark));
    }
}

package org.newsroom.local.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.newsroom.core.priming.ClassPreload;
import org.newsroom.local.LocalStack;

/**
 * {@code make class-lists}: writes each function's cold-start class list, the resource {@link
 * ClassPreload} reads ({@code <Handler>.classes} next to the handler, under the function module's
 * {@code src/main/resources}). For each function with a {@code BenchEvent}, one cold start of the
 * bench probe against the emulator (the event varied as the bench varies it, so it takes the path a
 * typical first request takes), with preloading off and {@code -Xlog:class+load}; the list is every
 * class that start loaded from the function's jar or the JDK's runtime image, in load order. Left
 * out: classes from the JDK's shared archive (mapped, not read), hidden classes (lambdas, which
 * have no name to load by) and the probe's own classes (not in the jar). {@code BENCH_FUNCTIONS}
 * limits it to some functions, as for the bench.
 */
public final class ClassLists {

    private static final String SOURCE = " source: ";

    private ClassLists() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String probeClasspath = System.getProperty("newsroom.probe.classpath");
        if (probeClasspath == null) {
            throw new IllegalStateException(
                    "Run through `make class-lists` (it passes -Dnewsroom.probe.classpath)");
        }
        try (LocalStack stack = LocalStack.provisionOnly(ColdStartBench.stackOptions(root))) {
            List<ColdStartBench.Target> targets = ColdStartBench.targets(root, stack);
            BenchEvents events = new BenchEvents(root, stack);
            events.prepare(targets);
            for (ColdStartBench.Target target : targets) {
                Path log = Files.createTempFile("class-load-", ".log");
                try {
                    List<String> options = new ArrayList<>(target.jvmOptions());
                    options.add("-Xlog:class+load=info:file=" + log + ":none");
                    options.add("-D" + ClassPreload.PROPERTY + "=false");
                    ColdStartBench.measure(
                            javaBin,
                            options,
                            target.jar() + ":" + probeClasspath,
                            List.of(target.handlerClass(), events.file(target, 0).toString()),
                            ColdStartBench.probeEnvironment(stack, target.environment()));
                    List<String> names =
                            fromLog(Files.readAllLines(log, StandardCharsets.UTF_8), target.jar());
                    Path file = listFile(target);
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, render(target.name(), names), StandardCharsets.UTF_8);
                    System.out.printf(
                            Locale.ROOT,
                            "%s: %d classes -> %s%n",
                            target.name(),
                            names.size(),
                            root.relativize(file));
                } finally {
                    Files.deleteIfExists(log);
                }
            }
        }
    }

    /**
     * The classes a {@code -Xlog:class+load} log (no decorations) shows loaded from {@code jar} or
     * the JDK's runtime image, in order, each once, hidden classes left out.
     */
    static List<String> fromLog(List<String> lines, Path jar) {
        Path ownJar = realPath(jar);
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            int at = line.indexOf(SOURCE);
            if (at < 0) {
                continue;
            }
            String name = line.substring(line.lastIndexOf(' ', at - 1) + 1, at);
            String source = line.substring(at + SOURCE.length()).strip();
            boolean ours = source.startsWith("jrt:/") || ownJar.equals(sourcePath(source));
            // A hidden class's name carries its address: Foo$$Lambda$12/0x0000...
            if (ours && name.indexOf('/') < 0 && !name.isEmpty()) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /**
     * The file a class came from, as the JVM writes its source ({@code file:/...}, a URL: spaces
     * and other characters percent-encoded), symbolic links resolved; null for other sources.
     */
    static Path sourcePath(String source) {
        if (!source.startsWith("file:")) {
            return null;
        }
        try {
            return realPath(Path.of(java.net.URI.create(source)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** The list's text: a header saying what it is and how to write it again, then the names. */
    static String render(String function, List<String> names) {
        StringBuilder text = new StringBuilder();
        text.append("# Classes a cold start of ")
                .append(function)
                .append(" loads, in order (ClassPreload).\n")
                .append("# Written by `make class-lists`; write it again after changing what a")
                .append(" first request runs.\n");
        names.forEach(name -> text.append(name).append('\n'));
        return text.toString();
    }

    /** Where the target's list goes: next to its handler, in its module's resources. */
    static Path listFile(ColdStartBench.Target target) {
        Path module = target.jar().toAbsolutePath().getParent().getParent();
        String handler = target.handlerClass();
        return module.resolve("src/main/resources")
                .resolve(handler.replace('.', '/') + ClassPreload.SUFFIX);
    }
}

package org.newsroom.local.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.local.Emulator;
import org.newsroom.local.FunctionSpec;
import org.newsroom.local.LocalStack;
import org.newsroom.local.Template;

/**
 * {@code make bench}: the cold start of every function in template.yaml. Each run is a fresh JVM
 * with the template's JVM flags, the function's deployable jar, its template environment and the
 * emulator, loading the handler and handling the function's bench event (template Metadata {@code
 * BenchEvent}). Beside them, in the same run and interleaved with them: the floor (a hello-world
 * JVM with the same flags), the bare-SDK row (the same flags and the first function's jar, only a
 * DynamoDB client with the SDK's defaults and one GetItem: what the project does not control) and,
 * per function, the primed first request (SnapStart priming run in the JVM, then only the first
 * request timed). Beside each first request, cold and primed, the time its SDK calls took (the
 * emulator's answers and the SDK's marshalling: {@link SdkCallTimer} on every probe's class path,
 * the bare-SDK row's included). Then, per HTTP function, the warm path in this JVM ({@link
 * WarmPathBench}).
 *
 * <p>Only the emulator runs while it measures: the local stack is provisioned, not started (no API,
 * no stream pollers, no schedules). Prints a markdown table and writes {@code
 * target/bench/coldstart.json}; with {@code --readme} also replaces the table in README.md.
 */
public final class ColdStartBench {

    private static final String README_START = "<!-- bench:start -->";
    private static final String README_END = "<!-- bench:end -->";
    private static final String FLOOR = "floor";
    private static final String SDK = "bare SDK";
    private static final String PRIMED = " primed";

    private ColdStartBench() {}

    record Target(
            String name,
            String handlerClass,
            Path jar,
            Path event,
            Map<String, String> environment,
            List<String> jvmOptions,
            boolean http) {}

    /**
     * One probe JVM: its wall time, its first request's time, and that request's SDK calls (their
     * count and time, {@link SdkCallTimer}).
     */
    record Sample(long wallMs, long firstMs, long peakRssKiB, long sdkMicros, long sdkCalls) {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
        int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "10"));
        // A partial run (BENCH_FUNCTIONS) or a short one (BENCH_RUNS below 10) is a quick check,
        // never the README's table.
        boolean updateReadme =
                List.of(args).contains("--readme")
                        && System.getenv().getOrDefault("BENCH_FUNCTIONS", "").isBlank()
                        && Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "10")) >= 10
                        && measuresWarmPath();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String probeClasspath = System.getProperty("newsroom.probe.classpath");
        if (probeClasspath == null) {
            throw new IllegalStateException(
                    "Run through `make bench` (it passes -Dnewsroom.probe.classpath)");
        }
        WarmPathBench.requireTimedSdkClients();
        WarmPathBench.requireTimedProbe(probeClasspath);
        try (LocalStack stack = LocalStack.provisionOnly(stackOptions(root))) {
            List<Target> targets = targets(root, stack);
            if (targets.isEmpty()) {
                throw new IllegalStateException("No function has a BenchEvent; nothing to measure");
            }
            BenchEvents events = new BenchEvents(root, stack);
            events.prepare(targets);
            List<String> floorOptions = targets.get(0).jvmOptions();
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            samples.put(FLOOR, new ArrayList<>());
            samples.put(SDK, new ArrayList<>());
            targets.forEach(t -> samples.put(t.name(), new ArrayList<>()));
            targets.forEach(t -> samples.put(t.name() + PRIMED, new ArrayList<>()));
            // The bare-SDK row reads a table that exists, with a key no item has.
            String sdkTable = stack.physicalId("ArticlesTable");
            System.out.printf(
                    Locale.ROOT,
                    "Cold start: %d runs each, %s, JVM flags %s%n",
                    runs,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    floorOptions);
            // Interleaved, so drift in machine load affects every row alike.
            for (int run = 0; run < runs; run++) {
                samples.get(FLOOR)
                        .add(
                                measure(
                                        javaBin,
                                        floorOptions,
                                        probeClasspath,
                                        List.of("--floor"),
                                        Map.of()));
                samples.get(SDK)
                        .add(
                                measure(
                                        javaBin,
                                        floorOptions,
                                        targets.get(0).jar() + ":" + probeClasspath,
                                        List.of("--sdk", sdkTable),
                                        probeEnvironment(stack, Map.of())));
                for (Target target : targets) {
                    Map<String, String> env = probeEnvironment(stack, target.environment());
                    String classpath = target.jar() + ":" + probeClasspath;
                    // Each invocation its own event: see BenchEvents.
                    String event = events.file(target, 2 * run).toString();
                    samples.get(target.name())
                            .add(
                                    measure(
                                            javaBin,
                                            target.jvmOptions(),
                                            classpath,
                                            List.of(target.handlerClass(), event),
                                            env));
                    events.afterProbe(target, 2 * run);
                    event = events.file(target, 2 * run + 1).toString();
                    samples.get(target.name() + PRIMED)
                            .add(
                                    measure(
                                            javaBin,
                                            target.jvmOptions(),
                                            classpath,
                                            List.of("--primed", target.handlerClass(), event),
                                            env));
                    events.afterProbe(target, 2 * run + 1);
                }
                System.out.printf(Locale.ROOT, "  run %d/%d done%n", run + 1, runs);
            }
            Map<String, WarmPathBench.Figures> warm = new LinkedHashMap<>();
            for (Target target : targets) {
                if (target.http() && measuresWarmPath()) {
                    requireWarmJvmOptions(target);
                    WarmPathBench.Figures figures;
                    // Its deployable jar with an SDK of its own, as in its own Lambda JVM: no row
                    // finds code compiled by another row's requests.
                    try (IsolatedFunction function =
                            IsolatedFunction.load(
                                    target.jar(),
                                    probeClasspath,
                                    target.handlerClass(),
                                    target.environment())) {
                        WarmPathBench.Events warmEvents = events.warm(target, 2 * runs);
                        figures =
                                function.run(
                                        () ->
                                                WarmPathBench.measure(
                                                        function.handler(),
                                                        warmEvents,
                                                        () -> function.sdkEntryNanos(sdkTable)));
                    }
                    // Which path the timed invocations took, e.g. {201=500}.
                    System.out.printf(
                            Locale.ROOT,
                            "  warm %s: statuses %s%n",
                            target.name(),
                            figures.statuses());
                    warm.put(target.name(), figures);
                }
            }
            double floor = median(samples.get(FLOOR));
            double sdkFloor = median(samples.get(SDK));
            StringBuilder table = new StringBuilder();
            table.append(
                    "| function | jar MB | cold start ms (median) | min | max | ratio to floor"
                            + " | ratio to bare SDK (run by run: quartiles) | peak MiB"
                            + " | primed first request ms"
                            + " | first request's SDK calls ms, cold / primed"
                            + " | warm p50 / p99 ms | handler overhead p50 / p99 ms |\n");
            table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            table.append(
                    row(
                            "JVM hello world (floor)",
                            0,
                            samples.get(FLOOR),
                            floor,
                            sdkFloor,
                            "",
                            "–",
                            "–",
                            "–",
                            "–"));
            double sdkFloorCall = medianSdkMs(samples.get(SDK));
            table.append(
                    row(
                            "bare SDK: DynamoDB client + GetItem",
                            0,
                            samples.get(SDK),
                            floor,
                            sdkFloor,
                            "",
                            "–",
                            String.format(Locale.ROOT, "%.0f / –", sdkFloorCall),
                            "–",
                            "–"));
            ArrayNode json = Json.array();
            for (Target target : targets) {
                long jarBytes = Files.size(target.jar());
                List<Sample> s = samples.get(target.name());
                List<Sample> primed = samples.get(target.name() + PRIMED);
                WarmPathBench.Figures w = warm.get(target.name());
                double[] runRatios = runRatios(s, samples.get(SDK));
                table.append(
                        row(
                                target.name(),
                                jarBytes,
                                s,
                                floor,
                                sdkFloor,
                                String.format(
                                        Locale.ROOT,
                                        " (%.2f-%.2f)",
                                        quantile(runRatios, 0.25),
                                        quantile(runRatios, 0.75)),
                                String.format(Locale.ROOT, "%.0f", medianFirst(primed)),
                                String.format(
                                        Locale.ROOT,
                                        "%.0f / %.0f",
                                        medianSdkMs(s),
                                        medianSdkMs(primed)),
                                w == null
                                        ? "–"
                                        : String.format(
                                                Locale.ROOT, "%.2f / %.2f", w.p50Ms(), w.p99Ms()),
                                w == null
                                        ? "–"
                                        : String.format(
                                                Locale.ROOT,
                                                "%.2f / %.2f",
                                                w.overheadP50Ms(),
                                                w.overheadP99Ms())));
                ObjectNode node = json.addObject();
                node.put("function", target.name());
                node.put("jarBytes", jarBytes);
                node.put("coldStartMs", median(s));
                node.put("minMs", s.stream().mapToLong(Sample::wallMs).min().orElse(0));
                node.put("maxMs", s.stream().mapToLong(Sample::wallMs).max().orElse(0));
                node.put("floorMs", floor);
                node.put("ratio", Math.round(median(s) / floor * 100) / 100.0);
                node.put("sdkFloorMs", sdkFloor);
                node.put("sdkRatio", Math.round(median(s) / sdkFloor * 100) / 100.0);
                // Each run's cold start over the bare row's in the same run (measured within the
                // same pass over the rows, a few dozen seconds apart at most for the last row), so
                // drift between runs cancels out: the quartiles show how far one run's ratio is
                // from the next.
                node.put("sdkRatioRunP25", round2(quantile(runRatios, 0.25)));
                node.put("sdkRatioRunP50", round2(quantile(runRatios, 0.5)));
                node.put("sdkRatioRunP75", round2(quantile(runRatios, 0.75)));
                node.put("peakRssMiB", peakMiB(s));
                node.put("primedMs", medianFirst(primed));
                node.put("primedColdStartMs", median(primed));
                node.put("primedPeakRssMiB", peakMiB(primed));
                // The first request's SDK calls (emulator and SDK marshalling), cold and primed:
                // what of coldStartMs and primedMs the function's own code does not spend.
                node.put("coldSdkMs", medianSdkMs(s));
                node.put("coldSdkCalls", medianSdkCalls(s));
                node.put("primedSdkMs", medianSdkMs(primed));
                node.put("sdkFloorCallMs", sdkFloorCall);
                if (w != null) {
                    node.put("warmP50Ms", w.p50Ms());
                    node.put("warmP99Ms", w.p99Ms());
                    node.put("warmSdkP50Ms", w.sdkP50Ms());
                    node.put("warmOverheadP50Ms", w.overheadP50Ms());
                    node.put("warmOverheadP99Ms", w.overheadP99Ms());
                    // Without taking the SDK's entry work per call (warmSdkEntryMs) off.
                    node.put("warmInterceptedOverheadP50Ms", w.interceptedOverheadP50Ms());
                    node.put("warmSdkEntryMs", w.sdkEntryMs());
                    node.put("warmSdkCallsPerRequest", w.sdkCalls());
                    node.put("warmInvocations", WarmPathBench.INVOCATIONS);
                    node.put("warmUpInvocations", WarmPathBench.WARM_UP);
                }
                node.put("runs", s.size());
            }
            String caption =
                    String.format(
                            Locale.ROOT,
                            "Measured by `make bench` on %s, %d cores, %s, %d runs per row, interleaved; flags `%s`;"
                                    + " warm figures: %d in-process invocations after %d unmeasured, each function"
                                    + " its deployable jar in a class loader of its own (its own SDK, compiled by"
                                    + " its own requests only) in a JVM with the same flags; a handler's"
                                    + " overhead is an invocation's time minus its SDK calls, each counted as its"
                                    + " caller sees it: the interceptor's span plus the SDK's entry work a bare"
                                    + " client's GetItem shows outside it (%s ms per call, measured after each"
                                    + " function's loop; the overhead without it is warmInterceptedOverheadP50Ms"
                                    + " in coldstart.json).%n",
                            LocalDate.now(java.time.ZoneOffset.UTC),
                            Runtime.getRuntime().availableProcessors(),
                            "Java " + System.getProperty("java.version"),
                            runs,
                            String.join(" ", floorOptions),
                            WarmPathBench.INVOCATIONS,
                            WarmPathBench.WARM_UP,
                            entryRange(warm.values()));
            System.out.println();
            System.out.print(table);
            System.out.println();
            System.out.print(caption);
            Path out = root.resolve("target/bench");
            Files.createDirectories(out);
            Files.writeString(out.resolve("coldstart.json"), json.toPrettyString() + "\n");
            System.out.println("Wrote " + out.resolve("coldstart.json"));
            if (updateReadme) {
                updateReadme(root.resolve("README.md"), table + "\n" + caption);
            }
        }
    }

    /**
     * Fails unless this JVM runs with the function's JVM options (its {@code JAVA_TOOL_OPTIONS} in
     * the template, e.g. level-1 compilation): its warm path is compiled here as on Lambda.
     */
    static void requireWarmJvmOptions(Target target) {
        List<String> own =
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> missing =
                target.jvmOptions().stream().filter(option -> !own.contains(option)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "The warm path of "
                            + target.name()
                            + " runs in this JVM, which lacks the function's JVM options "
                            + missing
                            + ": run through `make bench` (BENCH_WARM_JVM)");
        }
    }

    /** The lowest and highest SDK entry figure of the warm runs, e.g. {@code 0.08-0.12}. */
    static String entryRange(java.util.Collection<WarmPathBench.Figures> warm) {
        java.util.DoubleSummaryStatistics entry =
                warm.stream().mapToDouble(WarmPathBench.Figures::sdkEntryMs).summaryStatistics();
        return entry.getCount() == 0
                ? "–"
                : String.format(Locale.ROOT, "%.2f-%.2f", entry.getMin(), entry.getMax());
    }

    /**
     * The local stack the probes run against: provisioned on a free emulator port, nothing started.
     */
    static LocalStack.Options stackOptions(Path root) throws IOException {
        URI endpoint = URI.create("http://127.0.0.1:" + Emulator.freePort());
        // Secrets cached as deployed (the template's default), not for the local stack's 1 s,
        // which is there so that rotation tests see a new value at once: a warm loop would read
        // each secret again every second, which no warm Lambda does.
        return new LocalStack.Options(
                root,
                endpoint,
                "127.0.0.1",
                0,
                LocalStack.randomToken(),
                Map.of("SecretsCacheSeconds", templateDefault(root, "SecretsCacheSeconds")));
    }

    /** The probe's environment: the function's own, pointed at the emulator. */
    static Map<String, String> probeEnvironment(
            LocalStack stack, Map<String, String> functionEnvironment) {
        Map<String, String> env = new LinkedHashMap<>(functionEnvironment);
        env.remove("JAVA_TOOL_OPTIONS");
        env.put("AWS_ENDPOINT_URL", stack.emulatorEndpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        return env;
    }

    static List<Target> targets(Path root, LocalStack stack) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(root.resolve("functions"))) {
            for (Path module : modules) {
                try (DirectoryStream<Path> found =
                        Files.newDirectoryStream(module.resolve("target"), "*-lambda.jar")) {
                    found.forEach(jars::add);
                } catch (java.nio.file.NoSuchFileException e) {
                    // module not built
                }
            }
        }
        List<Target> targets = new ArrayList<>();
        // BENCH_FUNCTIONS=Id1,Id2 measures only those (a quick check of one change); the
        // "Function" ending of the template's ids may be left out (GiftRedeem).
        List<String> only =
                List.of(System.getenv().getOrDefault("BENCH_FUNCTIONS", "").split(",")).stream()
                        .map(String::strip)
                        .filter(id -> !id.isBlank())
                        .map(id -> id.endsWith("Function") ? id : id + "Function")
                        .toList();
        for (FunctionSpec function : stack.functions().values()) {
            if (!only.isEmpty() && !only.contains(function.logicalId())) {
                continue;
            }
            Object event = function.metadata().get("BenchEvent");
            if (event == null) {
                System.out.println(
                        "  skipping "
                                + function.logicalId()
                                + ": no BenchEvent in its template Metadata");
                continue;
            }
            Path jar = jarWith(jars, function.handlerClass());
            targets.add(
                    new Target(
                            function.logicalId(),
                            function.handlerClass(),
                            jar,
                            root.resolve(String.valueOf(event)),
                            function.environment(),
                            function.jvmOptions(),
                            !function.eventsOfType("HttpApi").isEmpty()));
        }
        return targets;
    }

    private static Path jarWith(List<Path> jars, String className) throws IOException {
        String entry = className.replace('.', '/') + ".class";
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                if (zip.getEntry(entry) != null) {
                    // The bench's interceptor lives on the probe's class path only: a jar that
                    // carried one would time (or slow) its own calls on Lambda too.
                    if (zip.getEntry(WarmPathBench.INTERCEPTORS) != null) {
                        throw new IllegalStateException(
                                jar + " carries a global SDK interceptor file: take it out");
                    }
                    return jar;
                }
            }
        }
        throw new IllegalStateException(
                "No deployable jar contains " + className + "; run `make build` first");
    }

    static Sample measure(
            String java,
            List<String> jvmOptions,
            String classpath,
            List<String> args,
            Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        // BENCH_JVM_EXTRA="-Xlog:class+load:file=..." adds diagnostics to every probe JVM.
        String extra = System.getenv("BENCH_JVM_EXTRA");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(classpath);
        command.add(ColdStartProbe.class.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("AWS_") || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Probe timed out: " + String.join(" ", args));
        }
        long wall = (System.nanoTime() - started) / 1_000_000;
        String text = new String(output, StandardCharsets.UTF_8);
        if (System.getenv("BENCH_VERBOSE") != null) {
            System.out.print(text);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Probe failed for " + args + ":\n" + text);
        }
        return parse(text, wall);
    }

    /** The sample of a probe that printed {@code output} and ran for {@code wallMs}. */
    static Sample parse(String output, long wallMs) {
        String last =
                output.lines()
                        .filter(l -> l.contains("peakRssKiB="))
                        .reduce((a, b) -> b)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "Probe printed no result:\n" + output));
        return new Sample(
                wallMs,
                field(last, "first"),
                field(last, "peakRssKiB"),
                field(last, "sdkMicros"),
                field(last, "sdkCalls"));
    }

    private static long field(String line, String name) {
        java.util.regex.Matcher value =
                java.util.regex.Pattern.compile("(?:^|\\s)" + name + "=(\\d+)").matcher(line);
        if (!value.find()) {
            throw new IllegalStateException("Probe printed no " + name + ": " + line);
        }
        return Long.parseLong(value.group(1));
    }

    static double median(List<Sample> samples) {
        return median(samples, Sample::wallMs);
    }

    static double medianFirst(List<Sample> samples) {
        return median(samples, Sample::firstMs);
    }

    /** The median time of the first request's SDK calls, in milliseconds to 0.1. */
    static double medianSdkMs(List<Sample> samples) {
        return Math.round(median(samples, Sample::sdkMicros) / 100.0) / 10.0;
    }

    static double medianSdkCalls(List<Sample> samples) {
        return median(samples, Sample::sdkCalls);
    }

    /** The median of one figure of the samples (of the middle two, their mean). */
    private static double median(
            List<Sample> samples, java.util.function.ToLongFunction<Sample> figure) {
        long[] sorted = samples.stream().mapToLong(figure).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /**
     * Whether the warm rows are measured: always, unless {@code BENCH_WARM=0} asks for a quick
     * cold-only check (which then never updates the README).
     */
    static boolean measuresWarmPath() {
        return !"0".equals(System.getenv("BENCH_WARM"));
    }

    /**
     * Run by run, the function's cold start over the bare row's of the same run (both measured in
     * the same pass over the rows), sorted.
     */
    static double[] runRatios(List<Sample> function, List<Sample> bare) {
        if (function.size() != bare.size()) {
            throw new IllegalArgumentException(
                    function.size() + " runs of the function, " + bare.size() + " of the bare row");
        }
        double[] ratios = new double[function.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = (double) function.get(i).wallMs() / bare.get(i).wallMs();
        }
        java.util.Arrays.sort(ratios);
        return ratios;
    }

    /**
     * The {@code q} quantile of sorted values, interpolated between the two nearest ranks (so the
     * 0.5 quantile is the median, of an even count the mean of the middle two).
     */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static long peakMiB(List<Sample> samples) {
        return Math.round(samples.stream().mapToLong(Sample::peakRssKiB).max().orElse(0) / 1024.0);
    }

    private static String row(
            String name,
            long jarBytes,
            List<Sample> samples,
            double floor,
            double sdkFloor,
            String runQuartiles,
            String primed,
            String firstSdk,
            String warm,
            String overhead) {
        double median = median(samples);
        long min = samples.stream().mapToLong(Sample::wallMs).min().orElse(0);
        long max = samples.stream().mapToLong(Sample::wallMs).max().orElse(0);
        long peak = samples.stream().mapToLong(Sample::peakRssKiB).max().orElse(0);
        return String.format(
                Locale.ROOT,
                "| %s | %s | %.0f | %d | %d | %.2f | %.2f%s | %d | %s | %s | %s | %s |%n",
                name,
                jarBytes == 0 ? "–" : String.format(Locale.ROOT, "%.1f", jarBytes / 1_000_000.0),
                median,
                min,
                max,
                median / floor,
                median / sdkFloor,
                runQuartiles,
                Math.round(peak / 1024.0),
                primed,
                firstSdk,
                warm,
                overhead);
    }

    private static void updateReadme(Path readme, String table) throws IOException {
        String text = Files.readString(readme);
        int start = text.indexOf(README_START);
        int end = text.indexOf(README_END);
        if (start < 0 || end < start) {
            System.out.println(
                    "README.md has no "
                            + README_START
                            + " / "
                            + README_END
                            + " markers; not updated");
            return;
        }
        String updated =
                text.substring(0, start + README_START.length())
                        + "\n"
                        + table
                        + text.substring(end);
        Files.writeString(readme, updated);
        System.out.println("Updated the table in README.md");
    }

    /** A parameter's default in template.yaml. */
    static String templateDefault(Path root, String parameter) {
        Object spec = Template.load(root.resolve("template.yaml")).parameters().get(parameter);
        Object value = spec instanceof Map<?, ?> fields ? fields.get("Default") : null;
        if (value == null) {
            throw new IllegalStateException("template.yaml has no default for " + parameter);
        }
        return String.valueOf(value);
    }
}

package org.newsroom.local.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.newsroom.core.json.Json;
import org.newsroom.local.Emulator;
import org.newsroom.local.FunctionSpec;
import org.newsroom.local.LocalStack;

/**
 * {@code make bench}: the cold start of every function in template.yaml. Each run is a fresh JVM
 * with the template's JVM flags, the function's deployable jar, its template environment and the
 * emulator, loading the handler and handling the function's bench event (template Metadata {@code
 * BenchEvent}). Beside them, in the same run and interleaved with them, the floor: a hello-world
 * JVM with the same flags. Prints a markdown table and writes {@code target/bench/coldstart.json};
 * with {@code --readme} also replaces the table in README.md.
 */
public final class ColdStartBench {

    private static final String README_START = "<!-- bench:start -->";
    private static final String README_END = "<!-- bench:end -->";

    private ColdStartBench() {}

    record Target(
            String name,
            String handlerClass,
            Path jar,
            Path event,
            Map<String, String> environment,
            List<String> jvmOptions) {}

    record Sample(long wallMs, long peakRssKiB) {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
        int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "10"));
        boolean updateReadme = List.of(args).contains("--readme");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String probeClasspath = System.getProperty("newsroom.probe.classpath");
        if (probeClasspath == null) {
            throw new IllegalStateException(
                    "Run through `make bench` (it passes -Dnewsroom.probe.classpath)");
        }
        URI endpoint = URI.create("http://127.0.0.1:" + Emulator.freePort());
        try (LocalStack stack =
                LocalStack.start(
                        new LocalStack.Options(
                                root,
                                endpoint,
                                "127.0.0.1",
                                0,
                                LocalStack.randomToken(),
                                Map.of()))) {
            List<Target> targets = targets(root, stack);
            List<String> floorOptions = targets.isEmpty() ? List.of() : targets.get(0).jvmOptions();
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            samples.put("floor", new ArrayList<>());
            targets.forEach(t -> samples.put(t.name(), new ArrayList<>()));
            System.out.printf(
                    Locale.ROOT,
                    "Cold start: %d runs each, %s, JVM flags %s%n",
                    runs,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    floorOptions);
            // Interleaved, so drift in machine load affects every row alike.
            for (int run = 0; run < runs; run++) {
                samples.get("floor")
                        .add(
                                measure(
                                        javaBin,
                                        floorOptions,
                                        probeClasspath,
                                        List.of("--floor"),
                                        Map.of()));
                for (Target target : targets) {
                    Map<String, String> env = new LinkedHashMap<>(target.environment());
                    env.remove("JAVA_TOOL_OPTIONS");
                    env.put("AWS_ENDPOINT_URL", stack.emulatorEndpoint().toString());
                    env.put("AWS_REGION", "us-east-1");
                    env.put("AWS_ACCESS_KEY_ID", "bench");
                    env.put("AWS_SECRET_ACCESS_KEY", "bench");
                    samples.get(target.name())
                            .add(
                                    measure(
                                            javaBin,
                                            target.jvmOptions(),
                                            target.jar() + ":" + probeClasspath,
                                            List.of(
                                                    target.handlerClass(),
                                                    freshlySigned(root, stack, target).toString()),
                                            env));
                }
                System.out.printf(Locale.ROOT, "  run %d/%d done%n", run + 1, runs);
            }
            double floor = median(samples.get("floor"));
            StringBuilder table = new StringBuilder();
            table.append(
                    "| function | jar MB | cold start ms (median) | min | max | ratio to floor | peak MiB |\n");
            table.append("|---|---:|---:|---:|---:|---:|---:|\n");
            table.append(row("JVM hello world (floor)", 0, samples.get("floor"), floor));
            ArrayNode json = Json.mapper().createArrayNode();
            for (Target target : targets) {
                long jarBytes = Files.size(target.jar());
                List<Sample> s = samples.get(target.name());
                table.append(row(target.name(), jarBytes, s, floor));
                ObjectNode node = json.addObject();
                node.put("function", target.name());
                node.put("jarBytes", jarBytes);
                node.put("coldStartMs", median(s));
                node.put("minMs", s.stream().mapToLong(Sample::wallMs).min().orElse(0));
                node.put("maxMs", s.stream().mapToLong(Sample::wallMs).max().orElse(0));
                node.put("floorMs", floor);
                node.put("ratio", Math.round(median(s) / floor * 100) / 100.0);
                node.put(
                        "peakRssMiB",
                        Math.round(
                                s.stream().mapToLong(Sample::peakRssKiB).max().orElse(0) / 1024.0));
                node.put("runs", s.size());
            }
            String caption =
                    String.format(
                            Locale.ROOT,
                            "Measured by `make bench` on %s, %d cores, %s, %d runs per row, interleaved; flags `%s`.%n",
                            LocalDate.now(java.time.ZoneOffset.UTC),
                            Runtime.getRuntime().availableProcessors(),
                            "Java " + System.getProperty("java.version"),
                            runs,
                            String.join(" ", floorOptions));
            System.out.println();
            System.out.print(table);
            System.out.println();
            System.out.print(caption);
            Path out = root.resolve("target/bench");
            Files.createDirectories(out);
            Files.writeString(
                    out.resolve("coldstart.json"),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
            System.out.println("Wrote " + out.resolve("coldstart.json"));
            if (updateReadme) {
                updateReadme(root.resolve("README.md"), table + "\n" + caption);
            }
        }
    }

    private static List<Target> targets(Path root, LocalStack stack) throws IOException {
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
        for (FunctionSpec function : stack.functions().values()) {
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
                            function.jvmOptions()));
        }
        return targets;
    }

    /**
     * A payment-provider webhook event is only accepted within minutes of its signature, so the
     * stored sample is signed again now with the function's own secret, as the provider would, and
     * the benchmark measures the real path (verify, then write) rather than a rejection.
     */
    static Path freshlySigned(Path root, LocalStack stack, Target target) throws IOException {
        if (!target.environment().containsKey("STRIPE_WEBHOOK_SECRET_ID")) {
            return target.event();
        }
        String secret =
                org.newsroom.memberships.StripeWebhookSecrets.parse(
                                stack.secretValue("StripeWebhookSecret"))
                        .secrets()
                        .get(0);
        ObjectNode event = (ObjectNode) Json.mapper().readTree(target.event().toFile());
        ObjectNode headers = (ObjectNode) event.path("headers");
        if (!headers.has("stripe-signature")) {
            return target.event();
        }
        String body = event.path("body").asText();
        byte[] bytes =
                event.path("isBase64Encoded").asBoolean(false)
                        ? java.util.Base64.getDecoder().decode(body)
                        : body.getBytes(StandardCharsets.UTF_8);
        headers.put(
                "stripe-signature",
                org.newsroom.memberships.StripeSignature.header(
                        secret, java.time.Instant.now().getEpochSecond(), bytes));
        Path signed = root.resolve("target/bench/events/" + target.name() + ".json");
        Files.createDirectories(signed.getParent());
        Files.writeString(signed, event.toString());
        return signed;
    }

    private static Path jarWith(List<Path> jars, String className) throws IOException {
        String entry = className.replace('.', '/') + ".class";
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                if (zip.getEntry(entry) != null) {
                    return jar;
                }
            }
        }
        throw new IllegalStateException(
                "No deployable jar contains " + className + "; run `make build` first");
    }

    private static Sample measure(
            String java,
            List<String> jvmOptions,
            String classpath,
            List<String> args,
            Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
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
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Probe failed for " + args + ":\n" + text);
        }
        String last =
                text.lines()
                        .filter(l -> l.contains("peakRssKiB="))
                        .reduce((a, b) -> b)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "Probe printed no result:\n" + text));
        long rss = Long.parseLong(last.substring(last.indexOf("peakRssKiB=") + 11).trim());
        return new Sample(wall, rss);
    }

    static double median(List<Sample> samples) {
        long[] sorted = samples.stream().mapToLong(Sample::wallMs).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static String row(String name, long jarBytes, List<Sample> samples, double floor) {
        double median = median(samples);
        long min = samples.stream().mapToLong(Sample::wallMs).min().orElse(0);
        long max = samples.stream().mapToLong(Sample::wallMs).max().orElse(0);
        long peak = samples.stream().mapToLong(Sample::peakRssKiB).max().orElse(0);
        return String.format(
                Locale.ROOT,
                "| %s | %s | %.0f | %d | %d | %.2f | %d |%n",
                name,
                jarBytes == 0 ? "–" : String.format(Locale.ROOT, "%.1f", jarBytes / 1_000_000.0),
                median,
                min,
                max,
                median / floor,
                Math.round(peak / 1024.0));
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
}

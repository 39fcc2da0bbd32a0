package org.newsroom.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The moto emulator (DynamoDB, DynamoDB Streams, SES, SQS, SNS) on loopback. Uses one that is
 * already running at the endpoint, or starts moto's server (one request at a time); when Python has
 * no moto, installs {@code moto[server]} into the project's {@code .venv} first.
 */
public final class Emulator implements AutoCloseable {

    /**
     * The script that starts moto's server (run with {@code python -c}): one request at a time, so
     * the emulator's DynamoDB transactions are atomic under concurrency as DynamoDB's are, and a
     * transaction's rollback snapshot that costs what the transaction touches rather than a deep
     * copy of the whole table per item (which made every TransactWriteItems slower as a table
     * grew). The script says why in full.
     */
    static final String SERVE_MOTO = script("serve_moto.py");

    private static String script(String name) {
        try (InputStream in = Emulator.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final URI endpoint;
    private final Process process;

    private Emulator(URI endpoint, Process process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    public URI endpoint() {
        return endpoint;
    }

    public boolean startedHere() {
        return process != null;
    }

    /** Connects to a running emulator at {@code endpoint}, or starts one there. */
    public static Emulator ensure(URI endpoint, Path projectRoot, Path logFile) {
        if (isUp(endpoint)) {
            return new Emulator(endpoint, null);
        }
        if (answers(endpoint)) {
            throw new IllegalStateException(
                    "Port "
                            + endpoint.getPort()
                            + " on "
                            + endpoint.getHost()
                            + " is taken by something that is not the emulator: stop it, or set"
                            + " AWS_ENDPOINT_URL=http://127.0.0.1:<another port>");
        }
        String python = python(projectRoot);
        try {
            Files.createDirectories(logFile.getParent());
            Process process =
                    new ProcessBuilder(
                                    python,
                                    "-c",
                                    SERVE_MOTO,
                                    "-H",
                                    endpoint.getHost(),
                                    "-p",
                                    Integer.toString(endpoint.getPort()))
                            .redirectErrorStream(true)
                            .redirectOutput(logFile.toFile())
                            .start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "The emulator exited at start (code "
                                    + process.exitValue()
                                    + "); see "
                                    + logFile);
                }
                if (isUp(endpoint)) {
                    return new Emulator(endpoint, process);
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new IllegalStateException(
                    "The emulator did not answer within 30 s; see " + logFile);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not start the emulator with " + python + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the emulator", e);
        }
    }

    /** A free loopback port, for tests that start their own emulator. */
    public static int freePort() {
        try (ServerSocket socket =
                new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    /** Whether anything accepts connections at the endpoint's host and port. */
    static boolean answers(URI endpoint) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(
                    new java.net.InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether the emulator answers at {@code endpoint}: its small dashboard page, not its state
     * dump, which grows with the data and can take seconds on a busy emulator (which would then be
     * mistaken for something else on the port).
     */
    static boolean isUp(URI endpoint) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(300);
            connection.setReadTimeout(15000);
            int status = connection.getResponseCode();
            boolean moto = false;
            if (status == 200) {
                try (var in = connection.getInputStream()) {
                    String page =
                            new String(
                                    in.readNBytes(64 * 1024),
                                    java.nio.charset.StandardCharsets.UTF_8);
                    moto = page.toLowerCase(java.util.Locale.ROOT).contains("moto");
                }
            }
            connection.disconnect();
            return moto;
        } catch (IOException e) {
            return false;
        }
    }

    /** A Python that can import moto.server, installing it into .venv when none can. */
    static String python(Path projectRoot) {
        String configured = System.getenv("NEWSROOM_PYTHON");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path venvPython = projectRoot.resolve(".venv/bin/python");
        if (Files.isExecutable(venvPython) && canImportMoto(venvPython.toString())) {
            return venvPython.toString();
        }
        if (canImportMoto("python3")) {
            return "python3";
        }
        System.out.println(
                "moto is not installed; installing moto[server] into "
                        + projectRoot.resolve(".venv"));
        run(List.of("python3", "-m", "venv", projectRoot.resolve(".venv").toString()));
        run(List.of(venvPython.toString(), "-m", "pip", "install", "--quiet", "moto[server]"));
        if (!canImportMoto(venvPython.toString())) {
            throw new IllegalStateException("moto[server] could not be installed into .venv");
        }
        return venvPython.toString();
    }

    private static boolean canImportMoto(String python) {
        try {
            Process p =
                    new ProcessBuilder(python, "-c", "import moto.server")
                            .redirectErrorStream(true)
                            .redirectOutput(new File("/dev/null"))
                            .start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("Command failed: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Command failed: " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Wipes every table, queue and message: a clean slate for a test. */
    public void reset() {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection)
                            endpoint.resolve("/moto-api/reset").toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(10000);
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException(
                        "Emulator reset answered " + connection.getResponseCode());
            }
            connection.disconnect();
        } catch (IOException e) {
            throw new IllegalStateException("Emulator reset failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}

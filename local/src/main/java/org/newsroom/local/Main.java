package org.newsroom.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.newsroom.memberships.MemberImport;

/**
 * {@code make run}: starts the emulator (unless {@code AWS_ENDPOINT_URL} points at a running one,
 * which it reuses), the template's resources, sample content and the API, which answers only once
 * the samples are loaded; prints one ready line, and stops everything it started on Ctrl-C. A taken
 * port or a failed start ends it with one line, not a stack trace.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
        int port = port();
        String host = host();
        String token = env("NEWSROOM_ADMIN_TOKEN", "");
        boolean generated = token.isEmpty();
        if (generated) {
            token = LocalStack.randomToken();
        }
        requireFreePort(host, port);
        int[] supporters = new int[1];
        LocalStack stack;
        try {
            stack =
                    LocalStack.start(
                            new LocalStack.Options(
                                    root, emulatorEndpoint(), host, port, token, localParameters()),
                            started -> {
                                SampleContent.load(root, started);
                                SampleNewsletters.load(root, started);
                                SampleReaders.load(root, started);
                                MemberImport.Report members = SampleMembers.load(root, started);
                                supporters[0] = members.imported() + members.alreadyPresent();
                            });
        } catch (RuntimeException e) {
            System.err.println("make run: " + firstLine(e.getMessage()));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stack.close();
                                    stopped.countDown();
                                },
                                "local-stop"));
        writeToken(root, token);
        System.out.println();
        System.out.println(
                "Newsroom is running: API "
                        + stack.baseUrl()
                        + "  (try "
                        + stack.baseUrl()
                        + "/articles)"
                        + "  demo page "
                        + stack.baseUrl()
                        + "/  emulator "
                        + stack.emulatorEndpoint()
                        + "  sample members "
                        + supporters[0]
                        + "  admin token "
                        + token
                        + (generated ? " (generated; set NEWSROOM_ADMIN_TOKEN to choose one)" : "")
                        + "  Ctrl-C stops it.");
        stopped.await();
    }

    /**
     * The parameters the local stack sets: links in emails and form redirects point at this server,
     * whatever port it runs on (NEWSROOM_PARAM_<Name> variables still win). The redrive uses the
     * same, so a replayed function sees the environment it has under {@code make run}.
     */
    static Map<String, String> localParameters() {
        String base = "http://" + host() + ":" + port();
        return Map.of(
                "PublicApiUrl", base,
                "ThankYouPageUrl", base + "/_local/outbox",
                "SignupPageUrl", base + "/");
    }

    /** For {@code make send-issue}: the token of the running stack, readable by this user only. */
    private static void writeToken(Path root, String token) throws java.io.IOException {
        Path file = root.resolve(".local/admin-token");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, token);
        try {
            java.nio.file.Files.setPosixFilePermissions(
                    file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions apply
        }
    }

    /**
     * Stops {@code make run} with one line naming the port when something already listens there
     * (another {@code make run}, say), before the emulator is touched.
     */
    static void requireFreePort(String host, int port) {
        portTaken(host, port)
                .ifPresent(
                        message -> {
                            System.err.println("make run: " + message);
                            System.exit(1);
                        });
    }

    /** The one line to show when something already listens on {@code host:port}. */
    static Optional<String> portTaken(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(
                    "port "
                            + port
                            + " on "
                            + host
                            + " is already in use (another make run?): stop it, or choose another"
                            + " with PORT=<port>");
        }
    }

    private static String firstLine(String message) {
        String text = message == null ? "failed to start" : message;
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static int port() {
        return Integer.parseInt(env("PORT", "3000"));
    }

    private static String host() {
        return env("HOST", "127.0.0.1");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * The emulator the local commands talk to: {@code AWS_ENDPOINT_URL} (the SDK's own setting), or
     * the one {@code make run} starts on 127.0.0.1:4566.
     */
    static URI emulatorEndpoint() {
        return URI.create(env("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"));
    }
}

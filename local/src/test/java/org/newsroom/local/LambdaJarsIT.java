package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.newsroom.core.priming.ClassPreload;

/**
 * The deployable jars, not the local stack's class path: every function's shaded jar (built by the
 * package phase, so this runs in {@code verify}) still works after the shade configuration left
 * classes out of it (root pom.xml; README, "Why the jars are this size").
 *
 * <p>Per jar:
 *
 * <ul>
 *   <li>in a fresh class loader over that jar alone (parent: the platform loader, as on Lambda),
 *       every class it holds loads, links (verification included: the verifier loads the classes it
 *       checks assignments against) and initialises, and the handler's methods can be listed by
 *       reflection, as the runtime does; any {@link LinkageError} fails;
 *   <li>every class that can run uses ({@link ClassReferences}) only classes in the jar or the JDK,
 *       except: the optional libraries the SDK checks for before it uses them (CRT), services the
 *       jar has no class of at all (shared/core's optional clients), and what an SDK client class
 *       uses only in the methods of operations nothing calls. What can run is everything but the
 *       request classes of uncalled operations and the shapes only they hold: those are only
 *       loaded, by the verifier, and the first point shows they still link and initialise;
 *   <li>every provider a {@code META-INF/services} file lists is in the jar when its interface is;
 *   <li>for each SDK client: every request class and modelled exception it uses is there, and each
 *       operation something in the jar calls on it keeps its request, response and marshaller;
 *   <li>the handler's cold-start class list ({@code ClassPreload}) is there and names no class of
 *       the project or its libraries that the jar lacks.
 * </ul>
 *
 * <p>What this cannot see: code that lists a client class's methods by reflection (the response
 * types of uncalled operations are gone). Neither the functions, the SDK nor the Lambda runtime
 * does; a library or agent added later that does would fail with {@code NoClassDefFoundError}.
 */
class LambdaJarsIT {

    private static final String SERVICES = "software/amazon/awssdk/services/";
    private static final String SERVICE_FILES = "META-INF/services/";
    private static final Pattern SERVICE_CLASS =
            Pattern.compile("software/amazon/awssdk/services/(\\w+)/(\\w+/)?([\\w$]+)");

    /** Packages of one operation's classes, which only that operation's client method names. */
    private static final Pattern OPERATION_PACKAGE =
            Pattern.compile(
                    "software/amazon/awssdk/services/\\w+/(model|transform|paginators|waiters)/.*");

    /** Optional SDK dependencies: the SDK checks they are on the class path before it uses them. */
    private static final List<String> OPTIONAL =
            List.of("software/amazon/awssdk/crt/", "software/amazon/awssdk/crtcore/");

    @TestFactory
    Stream<DynamicTest> everyFunctionJar_shouldLinkAndInitialiseEveryClassItHolds()
            throws IOException {
        Path root = Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
        StackModel model = StackModel.load(root, Map.of());
        Map<String, FunctionSpec> functions =
                model.functions(model::physicalId, (id, attribute) -> id + "/" + attribute);
        assertTrue(functions.size() > 0, "the template has no functions");
        List<DynamicTest> tests = new ArrayList<>();
        for (FunctionSpec function : functions.values()) {
            Path jar = jarOf(root, function.handlerClass());
            String handler = function.handlerClass();
            tests.add(DynamicTest.dynamicTest(function.logicalId(), () -> check(jar, handler)));
        }
        return tests.stream();
    }

    /**
     * Secrets Manager and SES are called through core's {@code AwsJsonApi}, not their SDK clients
     * (hundreds of classes at a cold start for one operation each): neither client comes back into
     * a jar unnoticed, through a function's pom or a shared module's. The issues API sends no email
     * (its test copies go through the send queue to the issue sender): shared/mail's SES sender
     * stays out of its jar, and the jar under 8 MB.
     */
    @Test
    void noFunctionJar_shouldHoldTheSesOrSecretsManagerClient() throws IOException {
        Path root = Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
        StackModel model = StackModel.load(root, Map.of());
        Map<String, List<String>> found = new TreeMap<>();
        for (FunctionSpec function :
                model.functions(model::physicalId, (id, attribute) -> id + "/" + attribute)
                        .values()) {
            try (ZipFile zip = new ZipFile(jarOf(root, function.handlerClass()).toFile())) {
                List<String> clients =
                        zip.stream()
                                .map(ZipEntry::getName)
                                .filter(
                                        name ->
                                                name.startsWith(SERVICES + "sesv2/")
                                                        || name.startsWith(
                                                                SERVICES + "secretsmanager/"))
                                .toList();
                if (!clients.isEmpty()) {
                    found.put(function.logicalId(), clients);
                }
            }
        }
        assertEquals(Map.of(), found);

        Path issues = jarOf(root, "org.newsroom.newsletters.issues.NewsletterIssuesHandler");
        try (ZipFile zip = new ZipFile(issues.toFile())) {
            assertEquals(
                    List.of(),
                    zip.stream()
                            .map(ZipEntry::getName)
                            .filter(name -> name.startsWith("org/newsroom/mail/SesMailSender"))
                            .toList());
        }
        assertTrue(Files.size(issues) <= 8_000_000, issues + ": " + Files.size(issues) + " bytes");
    }

    private static void check(Path jar, String handlerClass) throws IOException {
        Map<String, ClassReferences.Uses> uses = new TreeMap<>();
        Map<String, List<String>> services = new TreeMap<>();
        List<String> classList = null;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry listEntry = zip.getEntry(handlerClass.replace('.', '/') + ClassPreload.SUFFIX);
            if (listEntry != null) {
                try (Reader in =
                        new InputStreamReader(
                                zip.getInputStream(listEntry), StandardCharsets.UTF_8)) {
                    classList = ClassPreload.names(in);
                }
            }
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith(SERVICE_FILES) && !entry.isDirectory()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        services.put(
                                name.substring(SERVICE_FILES.length()),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8)
                                        .lines()
                                        .map(line -> line.replaceAll("#.*", "").trim())
                                        .filter(line -> !line.isEmpty())
                                        .toList());
                    }
                }
                if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        uses.put(
                                name.substring(0, name.length() - ".class".length()),
                                ClassReferences.of(in.readAllBytes()));
                    }
                }
            }
        }
        assertTrue(uses.size() > 1000, jar + " holds only " + uses.size() + " classes");
        Map<String, Set<String>> called = calledOperations(uses);
        List<String> problems = new ArrayList<>();
        problems.addAll(missingClasses(uses, runnable(uses, called), called));
        problems.addAll(incompleteServices(uses, called));
        problems.addAll(missingProviders(uses, services));
        problems.addAll(staleClassList(handlerClass, classList, uses.keySet()));
        problems.addAll(classesThatFailToInitialise(jar, uses.keySet(), handlerClass));
        assertEquals(List.of(), problems, jar.getFileName() + ": " + problems.size() + " problems");
    }

    /**
     * The classes that can run: everything outside the SDK services' operation packages, every
     * modelled exception, and what they use, except what a client class uses for an operation
     * nothing calls. The rest (the request classes of uncalled operations and the shapes only they
     * hold) is only ever loaded, by the verifier when it links the client; no instance of them can
     * exist, since only their builders make one and only the client's method for that operation
     * calls those.
     */
    private static Set<String> runnable(
            Map<String, ClassReferences.Uses> uses, Map<String, Set<String>> called) {
        Set<String> runnable = new TreeSet<>();
        List<String> pending = new ArrayList<>();
        for (String name : uses.keySet()) {
            if (!OPERATION_PACKAGE.matcher(name).matches()
                    || name.matches(".*/model/\\w+Exception")) {
                pending.add(name);
            }
        }
        while (!pending.isEmpty()) {
            String name = pending.remove(pending.size() - 1);
            if (!uses.containsKey(name) || !runnable.add(name)) {
                continue;
            }
            for (String used : uses.get(name).classes()) {
                if (!isClientOnly(name, used, called)) {
                    pending.add(used);
                }
            }
        }
        return runnable;
    }

    /** Whether {@code used} is, to the client class {@code from}, part of an uncalled operation. */
    private static boolean isClientOnly(String from, String used, Map<String, Set<String>> called) {
        if (!isClient(from) || !OPERATION_PACKAGE.matcher(used).matches()) {
            return false;
        }
        String prefix = used.substring(0, used.indexOf('/', SERVICES.length()) + 1);
        for (String operation : called.getOrDefault(prefix, Set.of())) {
            for (String part :
                    List.of(
                            prefix + "model/" + operation + "Request",
                            prefix + "model/" + operation + "Response",
                            prefix + "transform/" + operation + "RequestMarshaller")) {
                if (used.equals(part) || used.startsWith(part + "$")) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Classes used in the jar but found neither in it nor in the JDK, beyond the exceptions: what a
     * client class uses only for uncalled operations, and what classes that cannot run use (whether
     * those still link and initialise is checked apart).
     */
    private static List<String> missingClasses(
            Map<String, ClassReferences.Uses> uses,
            Set<String> runnable,
            Map<String, Set<String>> called) {
        Set<String> services = new TreeSet<>();
        for (String name : uses.keySet()) {
            Matcher m = SERVICE_CLASS.matcher(name);
            if (m.matches()) {
                services.add(m.group(1));
            }
        }
        Map<String, Boolean> inJdk = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ClassReferences.Uses> entry : uses.entrySet()) {
            String from = entry.getKey();
            if (!runnable.contains(from)) {
                continue;
            }
            for (String used : entry.getValue().classes()) {
                if (uses.containsKey(used)
                        || isOptional(used)
                        || isClientOnly(from, used, called)
                        || isOfAbsentService(used, services)
                        || inJdk.computeIfAbsent(used, LambdaJarsIT::isInJdk)) {
                    continue;
                }
                problems.add(from + " uses " + used + ", which is missing");
            }
        }
        return problems;
    }

    /**
     * For every {@code META-INF/services} file whose interface is in the jar (so something can ask
     * {@link java.util.ServiceLoader} for it), each provider it lists: the HTTP client, for one.
     */
    private static List<String> missingProviders(
            Map<String, ClassReferences.Uses> uses, Map<String, List<String>> services) {
        List<String> problems = new ArrayList<>();
        services.forEach(
                (service, providers) -> {
                    if (uses.containsKey(service.replace('.', '/'))) {
                        for (String provider : providers) {
                            if (!uses.containsKey(provider.replace('.', '/'))) {
                                problems.add(service + " lists " + provider + ", which is missing");
                            }
                        }
                    }
                });
        return problems;
    }

    /**
     * Per service client in the jar: every request class it names (the verifier loads them all when
     * it links the client) and every modelled exception (the client registers them all to read
     * error responses); and for every operation something in the jar calls on the client, its
     * request, response and request marshaller.
     */
    private static List<String> incompleteServices(
            Map<String, ClassReferences.Uses> uses, Map<String, Set<String>> called) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ClassReferences.Uses> client : uses.entrySet()) {
            if (!isDefaultClient(client.getKey())) {
                continue;
            }
            String prefix = prefixOf(client.getKey());
            for (String used : client.getValue().classes()) {
                if (used.startsWith(prefix + "model/")
                        && (used.endsWith("Request") || used.endsWith("Exception"))
                        && !uses.containsKey(used)) {
                    problems.add(client.getKey() + " uses " + used + ", which is missing");
                }
            }
            for (String operation : called.getOrDefault(prefix, Set.of())) {
                for (String part :
                        List.of(
                                "model/" + operation + "Request",
                                "model/" + operation + "Response",
                                "transform/" + operation + "RequestMarshaller")) {
                    if (!uses.containsKey(prefix + part)) {
                        problems.add(
                                prefix
                                        + ": "
                                        + operation
                                        + " is called but "
                                        + part
                                        + " is missing");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Per service ({@code software/amazon/awssdk/services/<name>/}), the operations a class other
     * than its client classes calls a client method of. A client's operations are those it has a
     * request marshaller for.
     */
    private static Map<String, Set<String>> calledOperations(
            Map<String, ClassReferences.Uses> uses) {
        Map<String, Set<String>> called = new TreeMap<>();
        for (Map.Entry<String, ClassReferences.Uses> client : uses.entrySet()) {
            if (!isDefaultClient(client.getKey())) {
                continue;
            }
            String prefix = prefixOf(client.getKey());
            Set<String> operations = new TreeSet<>();
            for (String used : client.getValue().classes()) {
                if (used.startsWith(prefix + "transform/") && used.endsWith("RequestMarshaller")) {
                    operations.add(
                            used.substring(
                                    (prefix + "transform/").length(),
                                    used.length() - "RequestMarshaller".length()));
                }
            }
            Set<String> calledHere = new TreeSet<>();
            for (Map.Entry<String, ClassReferences.Uses> entry : uses.entrySet()) {
                if (isClient(entry.getKey())) {
                    continue;
                }
                for (String method : entry.getValue().methods()) {
                    int hash = method.indexOf('#');
                    String owner = method.substring(0, hash);
                    String name = method.substring(hash + 1);
                    if (owner.startsWith(prefix) && isClient(owner) && !name.isEmpty()) {
                        String operation =
                                Character.toUpperCase(name.charAt(0)) + name.substring(1);
                        if (operations.contains(operation)) {
                            calledHere.add(operation);
                        }
                    }
                }
            }
            called.put(prefix, calledHere);
        }
        return called;
    }

    private static boolean isDefaultClient(String name) {
        Matcher m = SERVICE_CLASS.matcher(name);
        return m.matches()
                && m.group(2) == null
                && m.group(3).startsWith("Default")
                && m.group(3).endsWith("Client");
    }

    private static String prefixOf(String serviceClass) {
        return serviceClass.substring(0, serviceClass.indexOf('/', SERVICES.length()) + 1);
    }

    /** The service client classes: the interface and its generated implementation. */
    private static boolean isClient(String name) {
        Matcher m = SERVICE_CLASS.matcher(name);
        return m.matches() && m.group(2) == null && m.group(3).endsWith("Client");
    }

    private static boolean isOptional(String name) {
        return OPTIONAL.stream().anyMatch(name::startsWith);
    }

    /**
     * A class of an SDK service the jar has no class of at all: shared/core's optional clients
     * (FunctionPomTest checks that a function needing one declares it). Leaving classes out never
     * removes a whole service.
     */
    private static boolean isOfAbsentService(String name, Set<String> services) {
        Matcher m = SERVICE_CLASS.matcher(name);
        return m.matches() && !services.contains(m.group(1));
    }

    /**
     * The handler's cold-start class list ({@code ClassPreload}) is in the jar, and every class of
     * the project or a library it names is in the jar too: a list written before a class was
     * renamed or removed preloads less than it could. A name the jar lacks passes only as the JDK's
     * (this JDK has it, or it is in one of the JDK's own packages, for a list written on another
     * release). What this cannot see is a list that misses classes a changed first request now
     * loads: that costs speed only, and `make class-lists` after such a change writes it again.
     */
    private static List<String> staleClassList(
            String handlerClass, List<String> classList, Set<String> classes) {
        if (classList == null) {
            return List.of(
                    handlerClass + ": no cold-start class list in the jar; run `make class-lists`");
        }
        List<String> problems = new ArrayList<>();
        int fromJar = 0;
        for (String name : classList) {
            String internal = name.replace('.', '/');
            if (classes.contains(internal)) {
                fromJar++;
                continue;
            }
            // The JDK's own: this JDK's, or another release's (a list written on another one).
            if (isInJdk(internal) || name.matches("(java|jdk|sun|com\\.sun)\\..*")) {
                continue;
            }
            problems.add(
                    handlerClass
                            + ".classes names "
                            + name
                            + ", which the jar does not hold; run `make class-lists`");
        }
        if (fromJar < 500) {
            problems.add(
                    handlerClass
                            + ".classes names only "
                            + fromJar
                            + " classes of the jar; run `make class-lists`");
        }
        return problems;
    }

    private static boolean isInJdk(String internalName) {
        try {
            Class.forName(
                    internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loads and initialises every class of the jar in a loader that sees nothing else. */
    private static List<String> classesThatFailToInitialise(
            Path jar, Set<String> classes, String handlerClass) throws IOException {
        List<String> problems = new ArrayList<>();
        try (URLClassLoader loader =
                new URLClassLoader(
                        new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            try {
                // The runtime looks the handler's methods up by reflection, which resolves the
                // types in every public method's signature.
                Class.forName(handlerClass, true, loader).getMethods();
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add(handlerClass + ": its methods cannot be listed: " + e);
            }
            for (String name : classes) {
                try {
                    Class.forName(name.replace('/', '.'), true, loader);
                } catch (NoClassDefFoundError e) {
                    // The SDK's CRT-based parts fail without CRT, which it checks for first.
                    if (e.getMessage() == null || !isOptional(e.getMessage())) {
                        problems.add(name + " does not initialise: " + e);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    problems.add(name + " does not initialise: " + e);
                }
            }
        }
        return problems;
    }

    private static Path jarOf(Path root, String handlerClass) throws IOException {
        String source = "src/main/java/" + handlerClass.replace('.', '/') + ".java";
        try (Stream<Path> modules = Files.list(root.resolve("functions"))) {
            Path module =
                    modules.filter(m -> Files.exists(m.resolve(source)))
                            .findFirst()
                            .orElseThrow(
                                    () -> new AssertionError("no module holds " + handlerClass));
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> found =
                    Files.newDirectoryStream(module.resolve("target"), "*-lambda.jar")) {
                found.forEach(jars::add);
            }
            assertEquals(1, jars.size(), module + ": expected one shaded jar, found " + jars);
            return jars.get(0);
        }
    }
}

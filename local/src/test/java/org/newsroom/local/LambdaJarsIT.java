package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
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
import org.junit.jupiter.api.TestFactory;

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
 *   <li>every class a class in the jar uses ({@link ClassReferences}) is in the jar or the JDK,
 *       except: the optional libraries the SDK checks for before it uses them (CRT), services the
 *       jar has no class of at all (shared/core's optional clients), and what only an SDK client
 *       class uses, in the methods of operations;
 *   <li>for each SDK client: every request class and modelled exception it uses is there, and each
 *       operation something in the jar calls on it keeps its request, response and marshaller.
 * </ul>
 *
 * <p>What this cannot see: code that lists a client class's methods by reflection (the response
 * types of uncalled operations are gone). Neither the functions, the SDK nor the Lambda runtime
 * does; a library or agent added later that does would fail with {@code NoClassDefFoundError}.
 */
class LambdaJarsIT {

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

    private static void check(Path jar, String handlerClass) throws IOException {
        Map<String, ClassReferences.Uses> uses = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
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
        List<String> problems = new ArrayList<>();
        problems.addAll(missingClasses(uses));
        problems.addAll(incompleteServices(uses));
        problems.addAll(classesThatFailToInitialise(jar, uses.keySet(), handlerClass));
        assertEquals(List.of(), problems, jar.getFileName() + ": " + problems.size() + " problems");
    }

    /** Classes used in the jar but found neither in it nor in the JDK, beyond the exceptions. */
    private static List<String> missingClasses(Map<String, ClassReferences.Uses> uses) {
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
            for (String used : entry.getValue().classes()) {
                if (uses.containsKey(used)
                        || isOptional(used)
                        || (isClient(from) && OPERATION_PACKAGE.matcher(used).matches())
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
     * Per service client in the jar: every request class it names (the verifier loads them all when
     * it links the client) and every modelled exception (the client registers them all to read
     * error responses); and for every operation something in the jar calls on the client, its
     * request, response and request marshaller.
     */
    private static List<String> incompleteServices(Map<String, ClassReferences.Uses> uses) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ClassReferences.Uses> client : uses.entrySet()) {
            Matcher m = SERVICE_CLASS.matcher(client.getKey());
            if (!m.matches()
                    || m.group(2) != null
                    || !m.group(3).startsWith("Default")
                    || !m.group(3).endsWith("Client")) {
                continue;
            }
            String prefix = "software/amazon/awssdk/services/" + m.group(1) + "/";
            Set<String> operations = new TreeSet<>();
            for (String used : client.getValue().classes()) {
                if (used.startsWith(prefix + "model/")
                        && (used.endsWith("Request") || used.endsWith("Exception"))
                        && !uses.containsKey(used)) {
                    problems.add(client.getKey() + " uses " + used + ", which is missing");
                }
                if (used.startsWith(prefix + "transform/") && used.endsWith("RequestMarshaller")) {
                    operations.add(
                            used.substring(
                                    (prefix + "transform/").length(),
                                    used.length() - "RequestMarshaller".length()));
                }
            }
            for (String operation : calledOperations(uses, prefix, operations)) {
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

    /** The operations a class other than the service's client classes calls a client method of. */
    private static Set<String> calledOperations(
            Map<String, ClassReferences.Uses> uses, String prefix, Set<String> operations) {
        Set<String> called = new TreeSet<>();
        for (Map.Entry<String, ClassReferences.Uses> entry : uses.entrySet()) {
            if (isClient(entry.getKey())) {
                continue;
            }
            for (String method : entry.getValue().methods()) {
                int hash = method.indexOf('#');
                String owner = method.substring(0, hash);
                String name = method.substring(hash + 1);
                if (owner.startsWith(prefix) && isClient(owner) && !name.isEmpty()) {
                    String operation = Character.toUpperCase(name.charAt(0)) + name.substring(1);
                    if (operations.contains(operation)) {
                        called.add(operation);
                    }
                }
            }
        }
        return called;
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

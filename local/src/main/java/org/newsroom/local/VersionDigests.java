package org.newsroom.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Names each function's published version after everything that makes it what it is, so every
 * deploy that changes a function's code or resolved settings reaches its {@code live} alias.
 *
 * <p>SAM names a function's {@code AWS::Lambda::Version} after its code location (and the
 * unresolved environment): a deploy that only changes parameter values publishes nothing and the
 * alias keeps the old settings. {@code AutoPublishCodeSha256} replaces that name's hash, so {@code
 * make deploy} sets it, in the template {@code sam build} wrote, to a digest of
 *
 * <ul>
 *   <li>the function's built code, by content (jar entries' names and bytes, not their timestamps,
 *       so an unchanged rebuild keeps its version),
 *   <li>its properties and the function globals as written in the template, and
 *   <li>the value of every parameter they refer to, directly or through a condition.
 * </ul>
 *
 * A function whose inputs did not change keeps its version (no new SnapStart snapshot). Without the
 * wrapper (plain {@code sam deploy}) SAM's own naming applies: code changes still publish,
 * parameter-only changes do not (README: Deploying).
 *
 * <p>Usage: {@code VersionDigests <built template> [Name=Value ...]}; rewrites the template (as
 * JSON, which SAM reads as YAML) with each function's {@code AutoPublishCodeSha256}.
 */
public final class VersionDigests {

    private static final Pattern SUB_NAME = Pattern.compile("\\$\\{([^}!.]+)}");
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private VersionDigests() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: VersionDigests <built template> [Name=Value ...]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq > 0) {
                values.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            }
        }
        Template template = Template.load(file);
        Map<String, String> code = new TreeMap<>();
        template.resourcesOfType("AWS::Serverless::Function")
                .forEach(
                        (id, resource) -> {
                            Object uri = Template.map(resource.get("Properties")).get("CodeUri");
                            Path artifact = file.getParent().resolve(String.valueOf(uri));
                            code.put(id, codeDigest(artifact));
                        });
        Map<String, String> digests = digests(template, values, code);
        Files.writeString(
                file,
                CANONICAL
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(withDigests(template, digests)));
        digests.forEach((id, digest) -> System.out.println(id + " " + digest.substring(0, 10)));
    }

    /**
     * Each function's digest. {@code parameterValues} are the values this deploy passes (others
     * take the template's default); {@code codeDigests} identifies each function's code.
     */
    public static Map<String, String> digests(
            Template template, Map<String, String> parameterValues, Map<String, String> code) {
        Map<String, String> digests = new TreeMap<>();
        Object globals = template.functionGlobals();
        template.resourcesOfType("AWS::Serverless::Function")
                .forEach(
                        (id, resource) -> {
                            Object properties = resource.get("Properties");
                            Set<String> used =
                                    parametersUsed(template, List.of(globals, properties));
                            StringBuilder input = new StringBuilder();
                            input.append("code:").append(code.getOrDefault(id, "")).append('\n');
                            input.append("globals:").append(canonical(globals)).append('\n');
                            input.append("properties:").append(canonical(properties)).append('\n');
                            for (String name : used) {
                                input.append("parameter:")
                                        .append(name)
                                        .append('=')
                                        .append(value(template, parameterValues, name))
                                        .append('\n');
                            }
                            digests.put(id, sha256(input.toString()));
                        });
        return digests;
    }

    /** The template's tree with each function's {@code AutoPublishCodeSha256} set. */
    public static Map<String, Object> withDigests(Template template, Map<String, String> digests) {
        Map<String, Object> root = template.root();
        digests.forEach(
                (id, digest) ->
                        Template.map(Template.map(template.resources().get(id)).get("Properties"))
                                .put("AutoPublishCodeSha256", digest));
        return root;
    }

    /**
     * The parameters {@code node} refers to ({@code Ref}, {@code ${Name}} in {@code Fn::Sub}),
     * including those of the conditions it uses ({@code Fn::If}, {@code Condition}).
     */
    public static Set<String> parametersUsed(Template template, Object node) {
        Set<String> parameters = new TreeSet<>();
        Set<String> conditions = new TreeSet<>();
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(node);
        while (!pending.isEmpty()) {
            Object current = pending.pop();
            if (current instanceof Map<?, ?> map) {
                map.forEach(
                        (key, value) -> {
                            String k = String.valueOf(key);
                            if (k.equals("Ref")) {
                                parameters.add(String.valueOf(value));
                            } else if (k.equals("Fn::Sub")) {
                                Object text = value instanceof List<?> l ? l.get(0) : value;
                                Matcher m = SUB_NAME.matcher(String.valueOf(text));
                                while (m.find()) {
                                    parameters.add(m.group(1).trim());
                                }
                            } else if (k.equals("Fn::If") || k.equals("Condition")) {
                                // A resource's Condition names one; an IAM statement's Condition
                                // is a block of its own, walked like any other value.
                                Object name = value instanceof List<?> l ? l.get(0) : value;
                                Object condition = template.conditions().get(String.valueOf(name));
                                if (condition != null && conditions.add(String.valueOf(name))) {
                                    pending.push(condition);
                                }
                            }
                            if (value != null) {
                                pending.push(value);
                            }
                        });
            } else if (current instanceof List<?> list) {
                list.forEach(pending::push);
            }
        }
        parameters.retainAll(template.parameters().keySet());
        return parameters;
    }

    /** A digest of a built function: every file's path and content; jars by their entries. */
    public static String codeDigest(Path artifact) {
        if (!Files.exists(artifact)) {
            throw new IllegalStateException("No built code at " + artifact + ": run sam build");
        }
        try (Stream<Path> files = Files.walk(artifact)) {
            StringBuilder input = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = artifact.relativize(file).toString();
                input.append(name)
                        .append(' ')
                        .append(name.endsWith(".jar") ? jarDigest(file) : fileDigest(file))
                        .append('\n');
            }
            return sha256(input.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jarDigest(Path jar) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), sha256(zip.readAllBytes()));
                }
            }
        }
        return sha256(entries.toString());
    }

    private static String fileDigest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in.readAllBytes());
        }
    }

    private static String value(Template template, Map<String, String> given, String name) {
        if (given.containsKey(name)) {
            return given.get(name);
        }
        Object def = Template.map(template.parameters().get(name)).get("Default");
        return def == null ? "" : String.valueOf(def);
    }

    private static String canonical(Object node) {
        try {
            return CANONICAL.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}

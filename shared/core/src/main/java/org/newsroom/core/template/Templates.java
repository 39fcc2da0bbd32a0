package org.newsroom.core.template;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logic-less templates (Mustache) from a function's resources, compiled once. HTML templates escape
 * every value; text templates do not (they are plain text). A missing value is an error, not an
 * empty string, so a typo in a template cannot silently drop a link.
 */
public final class Templates {

    private static final Mustache.Compiler HTML =
            Mustache.compiler().withEscaper(Escapers.HTML).strictSections(true);
    private static final Mustache.Compiler TEXT =
            Mustache.compiler().withEscaper(Escapers.NONE).strictSections(true);
    private static final Map<String, Template> CACHE = new ConcurrentHashMap<>();

    private Templates() {}

    /**
     * Compiles the templates {@code names} next to {@code anchor} ahead of their first use (a
     * function's init warm-up, {@link org.newsroom.core.priming.WarmUpThread}).
     */
    public static void prepare(Class<?> anchor, String... names) {
        for (String name : names) {
            CACHE.computeIfAbsent(anchor.getName() + "/" + name, k -> compile(anchor, name));
        }
    }

    /** Renders {@code name}, a resource next to {@code anchor} (a function's own templates). */
    public static String render(Class<?> anchor, String name, Object context) {
        return CACHE.computeIfAbsent(anchor.getName() + "/" + name, k -> compile(anchor, name))
                .execute(context);
    }

    private static Template compile(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing template " + name);
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (name.endsWith(".html.mustache") ? HTML : TEXT).compile(source);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + name, e);
        }
    }
}

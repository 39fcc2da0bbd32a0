package org.newsroom.core.priming;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads, on a second thread, the classes a function's cold start is known to load, while its main
 * thread starts the function. Reading a class from the jar and defining it is about two fifths of a
 * cold start's main thread, and nearly all of it is the same for every cold start of one function,
 * so a thread that runs ahead through the list takes most of that off the main thread: when it asks
 * for a class, it is usually there already (with a class loader that loads classes in parallel, as
 * the JDK's application loader does; with one that does not, the threads take turns).
 *
 * <p>The list is a resource next to the handler, {@code <HandlerSimpleName>.classes}: one binary
 * class name per line, in the order a cold start loaded them, blank lines and {@code #} comments
 * ignored. {@code make class-lists} writes it from a cold start of the function's bench event
 * ({@code ClassLists}). Classes are loaded, not initialised: no static initialiser runs earlier or
 * on another thread than it would anyway (initialising ahead is {@link ModelsAndTemplates}' job,
 * for the classes known to be safe). A name the jar no longer has is skipped, so a stale list costs
 * speed, never correctness; {@code LambdaJarsIT} fails the build when a list names a class of the
 * project that its jar lacks. {@code -Dnewsroom.classPreload=false} switches it off (the list
 * writer does, so that a list records the function's own order).
 *
 * <p>The thread is a {@link WarmUpThread}: SnapStart priming waits for it, so a snapshot holds
 * every class of the list.
 */
public final class ClassPreload {

    /** The system property that switches preloading off when {@code false}. */
    public static final String PROPERTY = "newsroom.classPreload";

    /** The ending of a handler's class list resource. */
    public static final String SUFFIX = ".classes";

    private ClassPreload() {}

    /**
     * Starts loading the classes of {@code handler}'s list with {@code handler}'s class loader, on
     * a daemon thread; answers the thread, or null when there is no list or preloading is off.
     * Called from the handler's static initialiser, the first code of the function that runs.
     */
    public static Thread start(Class<?> handler) {
        if ("false".equals(System.getProperty(PROPERTY))) {
            return null;
        }
        InputStream list = null;
        try {
            list = handler.getResourceAsStream(handler.getSimpleName() + SUFFIX);
            if (list == null) {
                return null;
            }
            InputStream opened = list;
            ClassLoader loader = handler.getClassLoader();
            return WarmUpThread.start(
                    "class-preload",
                    () -> {
                        try (Reader reader =
                                new InputStreamReader(opened, StandardCharsets.UTF_8)) {
                            load(reader, loader);
                        } catch (IOException e) {
                            // A list that cannot be read preloads less: the main thread loads the
                            // rest.
                        }
                    });
        } catch (RuntimeException | OutOfMemoryError e) {
            // An optimisation only: a handler whose static initialiser failed here would fail every
            // invocation. No thread to spare (OutOfMemoryError: unable to create a native thread)
            // means no preloading.
            closeQuietly(list);
            return null;
        }
    }

    /**
     * Loads (without initialising) every class {@code list} names, skipping the ones that cannot be
     * found or defined; answers how many it loaded. The JDK's classes are asked of the platform
     * class loader directly (and of {@code loader} only if it does not have them): a function's own
     * loader need not load in parallel (the Lambda runtime's does not), and asking it for a JDK
     * class would hold its lock, which the main thread may be waiting for, only to delegate the
     * question.
     */
    static int load(Reader list, ClassLoader loader) throws IOException {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        int loaded = 0;
        for (String name : names(list)) {
            if ((isJdkName(name) && load(name, platform)) || load(name, loader)) {
                loaded++;
            }
        }
        return loaded;
    }

    /**
     * The class names of a list, in order: each line stripped, blank lines and comments left out.
     */
    public static List<String> names(Reader list) throws IOException {
        BufferedReader lines =
                list instanceof BufferedReader buffered ? buffered : new BufferedReader(list);
        List<String> names = new ArrayList<>();
        String line;
        while ((line = lines.readLine()) != null) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            // Renamed or gone since the list was written: the main thread never asks for it.
            return false;
        }
    }

    /** Whether {@code name} is in a package the JDK's own modules use. */
    static boolean isJdkName(String name) {
        return name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jdk.")
                || name.startsWith("sun.")
                || name.startsWith("com.sun.");
    }

    private static void closeQuietly(InputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // Nothing more to do with it.
            }
        }
    }
}

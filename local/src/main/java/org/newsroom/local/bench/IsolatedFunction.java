package org.newsroom.local.bench;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One function as Lambda runs it warm: its deployable jar in a class loader of its own, so that its
 * SDK, JSON and shared code are its own copies, compiled by the JIT from its own requests only.
 * Without that, every HTTP function measured in one JVM shares one copy of the SDK, and a function
 * measured after others finds the SDK's code already compiled by their calls: its figure would
 * depend on the order of the rows.
 *
 * <p>Classes are looked up in the jar (then the bench's probe class path, for {@link SdkCallTimer})
 * before the bench's own, except the JDK's, the Lambda runtime interfaces the bench calls the
 * handler through, and {@link SdkCallTally}, whose per-thread tally the bench reads. Resources are
 * looked up the same way: what the jar or the probe class path holds (the function's templates, the
 * SDK's interceptor and service files) is found there only, never a module's copy on the bench's
 * class path.
 */
final class IsolatedFunction implements AutoCloseable {

    private final FunctionLoader loader;
    private final Object handler;

    private IsolatedFunction(FunctionLoader loader, Object handler) {
        this.loader = loader;
        this.handler = handler;
    }

    /**
     * Loads {@code handlerClass} from {@code jar} and constructs it with {@code environment}, as
     * the local stack constructs handlers.
     */
    static IsolatedFunction load(
            Path jar, String probeClasspath, String handlerClass, Map<String, String> environment)
            throws IOException {
        return load(
                jar,
                probeClasspath,
                handlerClass,
                environment,
                IsolatedFunction.class.getClassLoader());
    }

    /** {@link #load} below {@code parent}, which must see this class's own. */
    static IsolatedFunction load(
            Path jar,
            String probeClasspath,
            String handlerClass,
            Map<String, String> environment,
            ClassLoader parent)
            throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(jar.toUri().toURL());
        for (String entry : probeClasspath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        FunctionLoader loader = new FunctionLoader(urls.toArray(URL[]::new), parent);
        try {
            Object handler =
                    within(
                            loader,
                            () ->
                                    loader.loadClass(handlerClass)
                                            .getConstructor(Map.class)
                                            .newInstance(environment));
            return new IsolatedFunction(loader, handler);
        } catch (Exception e) {
            loader.close();
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalStateException(
                    handlerClass + " could not be built from " + jar + ": " + cause, cause);
        }
    }

    Object handler() {
        return handler;
    }

    ClassLoader classLoader() {
        return loader;
    }

    /**
     * {@link WarmPathBench#sdkEntryNanos} with a DynamoDB client of the function's own SDK, built
     * as the function builds its clients.
     */
    long sdkEntryNanos(String table) {
        return within(
                loader,
                () -> {
                    // The function loader's copy of the bench class, in a runtime package of its
                    // own: its package-private method is reached by reflection.
                    java.lang.reflect.Method entry =
                            loader.loadClass(WarmPathBench.class.getName())
                                    .getDeclaredMethod("sdkEntryNanos", String.class);
                    entry.setAccessible(true);
                    return (Long) entry.invoke(null, table);
                });
    }

    /**
     * Runs {@code work} on a thread of its own, whose context loader is the function's, and waits
     * for it: what the function keeps per thread (its buffers, its digests' and Macs' instances)
     * ends with that thread, instead of holding the function's classes in the bench's main thread
     * through every later row.
     */
    <T> T run(Callable<T> work) {
        java.util.concurrent.atomic.AtomicReference<T> result =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                result.set(work.call());
                            } catch (Throwable e) {
                                failure.set(e);
                            }
                        },
                        "warm-" + handler.getClass().getSimpleName());
        thread.setContextClassLoader(loader);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while measuring", e);
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed != null) {
            throw new IllegalStateException(failed);
        }
        return result.get();
    }

    private static <T> T within(ClassLoader loader, Callable<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    /** Whether {@code name} comes from the bench's class loader rather than the function's. */
    static boolean shared(String name) {
        return name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jdk.")
                || name.startsWith("sun.")
                || name.startsWith("com.sun.")
                || name.startsWith("com.amazonaws.services.lambda.runtime.")
                || name.equals(SdkCallTally.class.getName());
    }

    /** Child first, but for {@link #shared} classes. */
    static final class FunctionLoader extends URLClassLoader {

        static {
            ClassLoader.registerAsParallelCapable();
        }

        FunctionLoader(URL[] urls, ClassLoader parent) {
            super("function", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (shared(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> type = findLoadedClass(name);
                if (type == null) {
                    try {
                        type = findClass(name);
                    } catch (ClassNotFoundException notHere) {
                        type = super.loadClass(name, false);
                    }
                }
                if (resolve) {
                    resolveClass(type);
                }
                return type;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            Enumeration<URL> own = findResources(name);
            if (own.hasMoreElements()) {
                return own;
            }
            return getParent() == null
                    ? Collections.emptyEnumeration()
                    : getParent().getResources(name);
        }
    }
}

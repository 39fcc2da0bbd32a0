package org.newsroom.core.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ClassPreloadTest {

    private static final String ANCHOR = PreloadAnchor.class.getName();

    /** The listed classes whose static initialiser ran. */
    static final List<String> INITIALISED = new CopyOnWriteArrayList<>();

    @Test
    void load_shouldLoadEachNamedClassInOrder_skippingCommentsBlanksAndMissingOnes()
            throws IOException {
        Recording loader = new Recording(getClass().getClassLoader());
        int loaded =
                ClassPreload.load(
                        new StringReader(
                                "# a comment\n\njava.util.BitSet\n  no.such.Type  \n"
                                        + PreloadListedSecond.class.getName()
                                        + "\njava.util.zip.CRC32C\njavax.no.Such\n"),
                        loader);
        assertEquals(3, loaded);
        // The JDK's classes go to the platform loader; the function's loader is asked only for
        // the rest, and for a JDK-looking name the platform loader does not have.
        assertEquals(
                List.of("no.such.Type", PreloadListedSecond.class.getName(), "javax.no.Such"),
                loader.asked);
    }

    @Test
    void isJdkName_shouldKnowTheJdksPackages() {
        assertTrue(ClassPreload.isJdkName("java.util.List"));
        assertTrue(ClassPreload.isJdkName("sun.security.ssl.SSLContextImpl"));
        assertTrue(ClassPreload.isJdkName("com.sun.crypto.provider.HmacCore"));
        assertFalse(ClassPreload.isJdkName("software.amazon.awssdk.core.SdkField"));
        assertFalse(ClassPreload.isJdkName("com.sunny.Thing"));
        assertFalse(ClassPreload.isJdkName("javafoo.Bar"));
    }

    @Test
    void start_shouldLoadTheHandlersListOnAWarmUpThread_withTheHandlersLoader_withoutInitialising()
            throws Exception {
        Recording loader = new Recording(getClass().getClassLoader());
        Class<?> anchor = loader.loadClass(ANCHOR);
        assertEquals(loader, anchor.getClassLoader());

        Thread thread = ClassPreload.start(anchor);

        assertNotNull(thread);
        thread.join(10_000);
        assertFalse(thread.isAlive());
        int first = loader.asked.indexOf(PreloadListedFirst.class.getName());
        assertEquals(
                List.of(
                        PreloadListedFirst.class.getName(),
                        "org.newsroom.core.priming.NoSuchClassAnyMore",
                        PreloadListedSecond.class.getName()),
                loader.asked.subList(first, loader.asked.size()));
        assertFalse(loader.asked.contains("java.util.concurrent.Exchanger"));
        assertEquals(List.of(), INITIALISED, "a preloaded class was initialised");
    }

    @Test
    void start_shouldDoNothing_withoutAList_orWhenSwitchedOff() throws Exception {
        assertNull(ClassPreload.start(ClassPreloadTest.class));
        String before = System.getProperty(ClassPreload.PROPERTY);
        System.setProperty(ClassPreload.PROPERTY, "false");
        try {
            Recording loader = new Recording(getClass().getClassLoader());
            assertNull(ClassPreload.start(loader.loadClass(ANCHOR)));
        } finally {
            if (before == null) {
                System.clearProperty(ClassPreload.PROPERTY);
            } else {
                System.setProperty(ClassPreload.PROPERTY, before);
            }
        }
    }

    /**
     * Defines the anchor itself, so that it is the anchor's loader, and records every other class
     * it is asked for before handing the question to its parent.
     */
    private static final class Recording extends ClassLoader {

        final List<String> asked = new CopyOnWriteArrayList<>();

        Recording(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(ANCHOR)) {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> found = findLoadedClass(name);
                    if (found == null) {
                        found = define(name);
                    }
                    return found;
                }
            }
            asked.add(name);
            return super.loadClass(name, resolve);
        }

        private Class<?> define(String name) throws ClassNotFoundException {
            try (InputStream in =
                    getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}

package org.newsroom.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassListsTest {

    private static final Path JAR = Path.of("/repo/functions/f/target/f-0.1.0-lambda.jar");

    @Test
    void fromLog_shouldKeepTheJarsAndTheRuntimeImagesClasses_inOrder_onceEach() {
        List<String> log =
                List.of(
                        "java.lang.Object source: shared objects file",
                        "org.newsroom.f.Handler source: file:/repo/functions/f/target/f-0.1.0-lambda.jar",
                        "sun.security.ssl.SSLContextImpl source: jrt:/java.base",
                        "org.newsroom.local.bench.ColdStartProbe source: file:/repo/local/target/classes/",
                        "org.newsroom.f.Handler$$Lambda$12/0x0000000800c4a000 source: org.newsroom.f.Handler",
                        "java.lang.invoke.LambdaForm$MH/0x0000000800c4b000 source: __JVM_LookupDefineClass__",
                        "software.amazon.awssdk.core.SdkField source: file:/repo/functions/f/target/f-0.1.0-lambda.jar",
                        "org.newsroom.other.Thing source: file:/repo/functions/other/target/other-lambda.jar",
                        "org.newsroom.f.Handler source: file:/repo/functions/f/target/f-0.1.0-lambda.jar",
                        "[0.1s] a line of something else");
        assertEquals(
                List.of(
                        "org.newsroom.f.Handler",
                        "sun.security.ssl.SSLContextImpl",
                        "software.amazon.awssdk.core.SdkField"),
                ClassLists.fromLog(log, JAR));
    }

    @Test
    void fromLog_shouldKnowTheJar_throughASymbolicLink_andInAPathWithASpace(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path real = java.nio.file.Files.createDirectories(dir.resolve("my functions/target"));
        Path jar = java.nio.file.Files.createFile(real.resolve("f-lambda.jar"));
        Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("checkout"), dir);
        // The JVM writes the source as a URL of the path the class path named.
        String source = link.resolve("my functions/target/f-lambda.jar").toUri().toString();
        assertEquals(
                List.of("org.newsroom.f.Handler"),
                ClassLists.fromLog(
                        List.of(
                                "org.newsroom.f.Handler source: "
                                        + source.replaceFirst("^file:///", "file:/")),
                        jar));
    }

    @Test
    void render_andListFile_shouldPutTheListNextToTheHandler_withAHeaderThePreloaderSkips() {
        ColdStartBench.Target target =
                new ColdStartBench.Target(
                        "FFunction",
                        "org.newsroom.f.FHandler",
                        JAR,
                        Path.of("events/f.json"),
                        Map.of(),
                        List.of(),
                        false);
        assertEquals(
                Path.of("/repo/functions/f/src/main/resources/org/newsroom/f/FHandler.classes"),
                ClassLists.listFile(target));
        String text = ClassLists.render("FFunction", List.of("a.B", "c.D"));
        assertTrue(text.endsWith("\na.B\nc.D\n"), text);
        assertTrue(
                text.lines().takeWhile(l -> !l.equals("a.B")).allMatch(l -> l.startsWith("# ")),
                text);
    }
}

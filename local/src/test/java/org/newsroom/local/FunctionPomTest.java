package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the local stack's shared class path cannot show: a function's deployable jar holds only what
 * its own module depends on. shared/core declares the Secrets Manager client optional, so a
 * function that reads a secret and does not declare the client builds fine, passes every local
 * test, and fails its cold start on Lambda with {@code NoClassDefFoundError}.
 */
class FunctionPomTest {

    @Test
    void everyFunctionThatReadsASecret_shouldDeclareTheSecretsManagerClient() throws IOException {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = Files.exists(here.resolve("template.yaml")) ? here : here.getParent();
        StackModel model = StackModel.load(root, Map.of());
        Map<String, FunctionSpec> functions =
                model.functions(model::physicalId, (id, attribute) -> id + "/" + attribute);
        List<String> missing = new ArrayList<>();
        int readers = 0;
        for (FunctionSpec function : functions.values()) {
            boolean readsSecret =
                    function.environment().keySet().stream()
                            .anyMatch(k -> k.endsWith("_SECRET_ID"));
            if (!readsSecret) {
                continue;
            }
            readers++;
            String pom =
                    Files.readString(moduleOf(root, function.handlerClass()).resolve("pom.xml"))
                            .replaceAll("(?s)<!--.*?-->", "");
            if (!pom.contains("<artifactId>secretsmanager</artifactId>")) {
                missing.add(function.logicalId());
            }
        }
        assertTrue(readers > 0, "no function reads a secret: the template changed shape");
        assertEquals(List.of(), missing);
    }

    private static Path moduleOf(Path root, String handlerClass) throws IOException {
        String source = "src/main/java/" + handlerClass.replace('.', '/') + ".java";
        try (Stream<Path> modules = Files.list(root.resolve("functions"))) {
            return modules.filter(m -> Files.exists(m.resolve(source)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no module holds " + handlerClass));
        }
    }
}

package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsroom.core.config.Config;
import org.newsroom.core.config.ConfigException;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * Every setting a function's code requires is set by template.yaml for that function: each
 * function's Settings record is built from the environment the local stack resolves from the
 * template, so a renamed or forgotten variable fails here, not at a cold start in production. And
 * no environment carries a secret value.
 */
class TemplateSettingsTest {

    private static Path root;
    private static Map<String, FunctionSpec> functions;

    @BeforeAll
    static void resolve() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        root = Files.exists(here.resolve("template.yaml")) ? here : here.getParent();
        StackModel model = StackModel.load(root, Map.of());
        functions =
                model.functions(
                        model::physicalId,
                        (id, attribute) ->
                                "arn:aws:local:us-east-1:123456789012:" + id + "/" + attribute);
    }

    @Test
    void settings_shouldBuildFromTheTemplateEnvironment_forEveryFunction() throws Exception {
        List<String> failures = new ArrayList<>();
        for (FunctionSpec function : functions.values()) {
            try {
                settingsFrom(function).invoke(null, Config.from(function.environment()));
            } catch (InvocationTargetException e) {
                failures.add(function.logicalId() + ": " + e.getCause().getMessage());
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(12, functions.size());
    }

    @Test
    void settings_shouldFail_whenTheTemplateLosesARequiredVariable() throws Exception {
        FunctionSpec webhook = functions.get("StripeWebhookFunction");
        Map<String, String> environment = new HashMap<>(webhook.environment());
        environment.remove("STRIPE_WEBHOOK_SECRET_ID");
        Method from = settingsFrom(webhook);
        InvocationTargetException e =
                assertThrows(
                        InvocationTargetException.class,
                        () -> from.invoke(null, Config.from(environment)));
        assertEquals(ConfigException.class, e.getCause().getClass());
    }

    @Test
    void environments_shouldHoldNoSecretValue() throws Exception {
        JsonNode seeds =
                Json.read(java.nio.file.Files.readAllBytes(root.resolve("local/secrets.json")));
        List<String> secrets = new ArrayList<>();
        seeds.properties()
                .forEach(
                        e -> {
                            if (!e.getKey().startsWith("//")) {
                                e.getValue().forEach(v -> secrets.add(v.asText()));
                            }
                        });
        for (FunctionSpec function : functions.values()) {
            function.environment()
                    .forEach(
                            (name, value) -> {
                                assertFalse(
                                        name.matches(".*(SECRET|TOKEN_KEYS)$"),
                                        function.logicalId() + " " + name + " looks like a secret");
                                secrets.forEach(
                                        secret ->
                                                assertFalse(
                                                        secret.length() > 8
                                                                && value.contains(secret),
                                                        function.logicalId() + " " + name));
                            });
        }
    }

    /** {@code <handler package>.<LogicalId without Function>Settings.from(Config)}. */
    private static Method settingsFrom(FunctionSpec function) {
        String handler = function.handlerClass();
        String name =
                handler.substring(0, handler.lastIndexOf('.') + 1)
                        + function.logicalId().replaceFirst("Function$", "")
                        + "Settings";
        try {
            return Class.forName(name).getMethod("from", Config.class);
        } catch (ReflectiveOperationException e) {
            fail(function.logicalId() + ": no " + name + ".from(Config)");
            throw new IllegalStateException(e);
        }
    }
}

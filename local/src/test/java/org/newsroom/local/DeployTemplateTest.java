package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * What a production deploy of template.yaml relies on, checked offline: the {@code Rules} refuse
 * (with a message naming the parameter) every parameter value that only makes sense locally when
 * {@code Stage=prod}, evaluated here the way CloudFormation evaluates rule functions; the editors'
 * managed policy allows exactly the IAM-authorised article routes; the sender identity is created
 * only when no existing one is named, with its DKIM records as outputs.
 */
class DeployTemplateTest {

    /** Values that point at a laptop or at the documentation's example domains. */
    private static final Pattern PLACEHOLDER =
            Pattern.compile("localhost|127\\.0\\.0\\.1|example\\.org|newsroom\\.example");

    private static Template template;
    private static JsonNode localParameters;

    @BeforeAll
    static void load() throws Exception {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = Files.exists(here.resolve("template.yaml")) ? here : here.getParent();
        template = Template.load(root.resolve("template.yaml"));
        localParameters =
                Json.read(java.nio.file.Files.readAllBytes(root.resolve("local/parameters.json")));
    }

    @Test
    void prodRules_shouldRefuseEveryLocalOrExampleValue_namingTheParameter() {
        Map<String, List<String>> placeholders = placeholderValues();
        assertTrue(
                placeholders.keySet().containsAll(Set.of("AllowedOrigins", "SenderAddress")),
                placeholders.toString());
        for (Map.Entry<String, List<String>> entry : placeholders.entrySet()) {
            String parameter = entry.getKey();
            for (String value : entry.getValue()) {
                Map<String, Object> values = realValues();
                values.put("Stage", "prod");
                values.put(parameter, parameterValue(parameter, value));
                List<String> refusals = refusals(values);
                assertFalse(
                        refusals.isEmpty(),
                        "Stage=prod accepts " + parameter + "=" + value + ": add it to its rule");
                refusals.forEach(
                        message ->
                                assertTrue(
                                        message.startsWith(parameter + " "),
                                        "the message names " + parameter + ": " + message));
            }
        }
    }

    @Test
    void prodRules_shouldAcceptRealValues() {
        Map<String, Object> values = realValues();
        values.put("Stage", "prod");
        assertEquals(List.of(), refusals(values));
    }

    @Test
    void rules_shouldNotApply_outsideProd_soDefaultsAndLocalValuesDeploy() {
        assertEquals("dev", parameterSpec("Stage").get("Default"));
        for (String stage : List.of("dev", "staging")) {
            Map<String, Object> values = defaults();
            values.put("Stage", stage);
            assertEquals(List.of(), refusals(values), stage);
        }
    }

    @Test
    void editorPolicy_shouldAllowExactlyTheArticlesAdminRoutes() {
        Set<String> adminRoutes = new TreeSet<>();
        Map<String, Object> events =
                Template.map(
                        Template.map(
                                        Template.map(
                                                        template.resources()
                                                                .get("ArticlesAdminFunction"))
                                                .get("Properties"))
                                .get("Events"));
        events.values()
                .forEach(
                        event -> {
                            Map<String, Object> props =
                                    Template.map(Template.map(event).get("Properties"));
                            if ("AWS_IAM"
                                    .equals(Template.map(props.get("Auth")).get("Authorizer"))) {
                                adminRoutes.add(
                                        props.get("Method")
                                                + String.valueOf(props.get("Path"))
                                                        .replaceAll("\\{[^}]+}", "*"));
                            }
                        });
        assertEquals(Set.of("PUT/articles/*", "DELETE/articles/*"), adminRoutes);

        Map<String, Object> policy =
                Template.map(
                        Template.map(
                                        Template.map(
                                                        template.resources()
                                                                .get("ArticlesEditorPolicy"))
                                                .get("Properties"))
                                .get("PolicyDocument"));
        List<Object> statements = Template.list(policy.get("Statement"));
        assertEquals(1, statements.size());
        Map<String, Object> statement = Template.map(statements.get(0));
        assertEquals("Allow", statement.get("Effect"));
        assertEquals("execute-api:Invoke", statement.get("Action"));
        Set<String> allowed = new TreeSet<>();
        String prefix =
                "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HttpApi}/$default/";
        for (Object resource : Template.list(statement.get("Resource"))) {
            String arn = String.valueOf(Template.map(resource).get("Fn::Sub"));
            assertTrue(arn.startsWith(prefix), arn);
            allowed.add(arn.substring(prefix.length()));
        }
        assertEquals(adminRoutes, allowed);

        Map<String, Object> outputs = Template.map(template.root().get("Outputs"));
        assertEquals(
                Map.of("Ref", "ArticlesEditorPolicy"),
                Template.map(outputs.get("ArticlesEditorPolicyArn")).get("Value"));
        assertEquals(Map.of("Ref", "HttpApi"), Template.map(outputs.get("ApiId")).get("Value"));
    }

    @Test
    void senderIdentity_shouldBeCreatedOnlyWithoutAnExistingOne_andPublishItsDkimRecords() {
        Map<String, Object> identity =
                Template.map(template.resources().get("NewsletterSenderIdentity"));
        assertEquals("CreateSenderIdentity", identity.get("Condition"));
        assertEquals(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "ExistingSenderIdentity"), "")),
                template.conditions().get("CreateSenderIdentity"));
        Map<String, Object> props = Template.map(identity.get("Properties"));
        assertEquals(Map.of("SigningEnabled", true), Template.map(props.get("DkimAttributes")));
        assertTrue(
                String.valueOf(props.get("EmailIdentity")).contains("Fn::Split"),
                "a domain identity (the sender's domain), not the address");

        Map<String, Object> outputs = Template.map(template.root().get("Outputs"));
        for (int i = 1; i <= 3; i++) {
            Map<String, Object> output = Template.map(outputs.get("SenderDkimRecord" + i));
            assertEquals("CreateSenderIdentity", output.get("Condition"));
            String value = String.valueOf(Template.map(output.get("Value")).get("Fn::Sub"));
            assertTrue(value.contains("DkimDNSTokenName" + i), value);
            assertTrue(value.contains("DkimDNSTokenValue" + i), value);
        }
        // Every function that sends may use the identity that verifies the sender, either way.
        int senders = 0;
        for (Map.Entry<String, Map<String, Object>> function :
                template.resourcesOfType("AWS::Serverless::Function").entrySet()) {
            String policies =
                    String.valueOf(
                            Template.map(function.getValue().get("Properties")).get("Policies"));
            if (policies.contains("ses:SendEmail")) {
                senders++;
                assertTrue(
                        policies.contains("Ref=ExistingSenderIdentity"),
                        function.getKey() + " may send through ExistingSenderIdentity");
            }
        }
        assertEquals(4, senders);
    }

    /** The failed assertions' descriptions, as CloudFormation would report them. */
    private static List<String> refusals(Map<String, Object> values) {
        List<String> refusals = new ArrayList<>();
        Template.map(template.root().get("Rules"))
                .forEach(
                        (name, rule) -> {
                            Map<String, Object> spec = Template.map(rule);
                            Object condition = spec.get("RuleCondition");
                            if (condition != null && !truth(evaluate(condition, values))) {
                                return;
                            }
                            for (Object assertion : Template.list(spec.get("Assertions"))) {
                                Map<String, Object> a = Template.map(assertion);
                                if (!truth(evaluate(a.get("Assert"), values))) {
                                    refusals.add(String.valueOf(a.get("AssertDescription")));
                                }
                            }
                        });
        return refusals;
    }

    /** The rule functions CloudFormation allows in Rules, over parameter values. */
    private static Object evaluate(Object node, Map<String, Object> values) {
        if (node instanceof List<?> list) {
            return list.stream().map(item -> evaluate(item, values)).toList();
        }
        if (!(node instanceof Map<?, ?> map) || map.size() != 1) {
            return node;
        }
        Map.Entry<?, ?> call = map.entrySet().iterator().next();
        List<Object> args = Template.list(call.getValue());
        return switch (String.valueOf(call.getKey())) {
            case "Ref" -> {
                assertTrue(values.containsKey(call.getValue()), "unknown " + call.getValue());
                yield values.get(String.valueOf(call.getValue()));
            }
            case "Fn::Equals" ->
                    evaluate(args.get(0), values).equals(evaluate(args.get(1), values));
            case "Fn::Not" -> !truth(evaluate(args.get(0), values));
            case "Fn::Or" -> args.stream().anyMatch(a -> truth(evaluate(a, values)));
            case "Fn::And" -> args.stream().allMatch(a -> truth(evaluate(a, values)));
            case "Fn::Contains" ->
                    Template.list(evaluate(args.get(0), values))
                            .contains(evaluate(args.get(1), values));
            default -> throw new AssertionError("not a rule function: " + call.getKey());
        };
    }

    private static boolean truth(Object value) {
        assertTrue(value instanceof Boolean, "a condition: " + value);
        return (Boolean) value;
    }

    /** Per parameter, its default and local values that are placeholders. */
    private static Map<String, List<String>> placeholderValues() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        template.parameters()
                .keySet()
                .forEach(
                        name -> {
                            List<String> candidates = new ArrayList<>();
                            Object def = parameterSpec(name).get("Default");
                            if (def != null) {
                                candidates.add(String.valueOf(def));
                            }
                            if (localParameters.has(name)) {
                                candidates.add(localParameters.get(name).asText());
                            }
                            candidates.removeIf(v -> !PLACEHOLDER.matcher(v).find());
                            if (!candidates.isEmpty()) {
                                found.put(name, candidates);
                            }
                        });
        return found;
    }

    /** Every parameter at its default. */
    private static Map<String, Object> defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        template.parameters()
                .keySet()
                .forEach(
                        name -> {
                            Object def = parameterSpec(name).get("Default");
                            values.put(
                                    name, parameterValue(name, def == null ? "" : def.toString()));
                        });
        return values;
    }

    /** Defaults, with a production-like value for every placeholder. */
    private static Map<String, Object> realValues() {
        Map<String, Object> values = defaults();
        placeholderValues()
                .keySet()
                .forEach(
                        name ->
                                values.put(
                                        name,
                                        parameterValue(
                                                name,
                                                name.equals("SenderAddress")
                                                        ? "news@ledger-news.test"
                                                        : "https://www.ledger-news.test/"
                                                                + name.toLowerCase())));
        return values;
    }

    private static Object parameterValue(String name, String text) {
        return String.valueOf(parameterSpec(name).get("Type")).startsWith("CommaDelimitedList")
                ? Arrays.asList(text.split(","))
                : text;
    }

    private static Map<String, Object> parameterSpec(String name) {
        return Template.map(template.parameters().get(name));
    }
}

package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * The on-call wiring of template.yaml: every alarm watches something that exists and reports to the
 * alarm topic, every queue is watched, no asynchronous function drops its failures, every
 * function's errors and throttles are watched, and the API's access logs never hold a query string.
 */
class OperationsTemplateTest {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");
    private static final Pattern CONTEXT_VARIABLE = Pattern.compile("^\\$context\\.[A-Za-z0-9.]+$");
    private static final Set<String> ASYNC_EVENT_TYPES =
            Set.of("SNS", "Schedule", "ScheduleV2", "S3", "EventBridgeRule", "CloudWatchEvent");

    private static Template template;
    private static Map<String, Object> resources;
    private static Map<String, Map<String, Object>> alarms;

    @BeforeAll
    static void load() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = Files.exists(here.resolve("template.yaml")) ? here : here.getParent();
        template = Template.load(root.resolve("template.yaml"));
        resources = template.resources();
        alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
    }

    @Test
    void alarms_shouldOnlyReferenceResourcesAndParametersThatExist() {
        assertFalse(alarms.isEmpty(), "the template declares alarms");
        alarms.forEach(
                (id, alarm) -> {
                    for (String name : references(alarm.get("Properties"))) {
                        assertTrue(
                                resources.containsKey(name)
                                        || template.parameters().containsKey(name)
                                        || name.startsWith("AWS::"),
                                id + " refers to " + name + ", which the template does not define");
                    }
                });
    }

    @Test
    void functionDimensions_shouldNameAFunctionOfTheTemplate_byItsShortName() {
        Set<String> shortNames = functionShortNames();
        alarms.forEach(
                (id, alarm) ->
                        dimensions(alarm)
                                .forEach(
                                        (name, value) -> {
                                            if (name.equals("Function")) {
                                                assertTrue(
                                                        shortNames.contains(String.valueOf(value)),
                                                        id
                                                                + ": Function="
                                                                + value
                                                                + " is no function's short name "
                                                                + shortNames);
                                            }
                                            if (name.equals("FunctionName")) {
                                                Object ref = Template.map(value).get("Ref");
                                                assertTrue(
                                                        ref != null
                                                                && "AWS::Serverless::Function"
                                                                        .equals(
                                                                                type(
                                                                                        String
                                                                                                .valueOf(
                                                                                                        ref))),
                                                        id
                                                                + ": FunctionName must be !Ref of a function of the template");
                                            }
                                        }));
    }

    @Test
    void everyQueue_shouldHaveAnAlarm_onVisibleMessagesOrForAWorkQueueOnItsOldestMessage() {
        Map<String, Map<String, Object>> queues = template.resourcesOfType("AWS::SQS::Queue");
        assertTrue(queues.size() >= 3, "the confirmation, bounce and gift-mail queues exist");
        Set<String> workQueues = sqsEventSourceQueues();
        for (String queue : queues.keySet()) {
            boolean work = workQueues.contains(queue);
            // A dead-letter queue should be empty: one message is news. A work queue holds messages
            // all the time: what matters is work waiting too long.
            String metric =
                    work ? "ApproximateAgeOfOldestMessage" : "ApproximateNumberOfMessagesVisible";
            boolean watched =
                    alarms.values().stream()
                            .anyMatch(
                                    alarm -> {
                                        Map<String, Object> props =
                                                Template.map(alarm.get("Properties"));
                                        Object dimension = dimensions(alarm).get("QueueName");
                                        return "AWS/SQS".equals(props.get("Namespace"))
                                                && metric.equals(props.get("MetricName"))
                                                && Map.of("Fn::GetAtt", List.of(queue, "QueueName"))
                                                        .equals(dimension)
                                                && (work
                                                        || Double.parseDouble(
                                                                        String.valueOf(
                                                                                props.get(
                                                                                        "Threshold")))
                                                                <= 1);
                                    });
            assertTrue(watched, queue + " has no alarm on " + metric);
        }
    }

    /** Queues that a function consumes through an SQS event source. */
    private Set<String> sqsEventSourceQueues() {
        Set<String> queues = new HashSet<>();
        template.resourcesOfType("AWS::Serverless::Function")
                .values()
                .forEach(
                        function -> {
                            Map<String, Object> events =
                                    Template.map(
                                            Template.map(function.get("Properties")).get("Events"));
                            if (events == null) {
                                return;
                            }
                            events.values()
                                    .forEach(
                                            event -> {
                                                Map<String, Object> e = Template.map(event);
                                                if ("SQS".equals(e.get("Type"))) {
                                                    Object arn =
                                                            Template.map(e.get("Properties"))
                                                                    .get("Queue");
                                                    if (arn instanceof Map<?, ?> getAtt
                                                            && getAtt.get("Fn::GetAtt")
                                                                    instanceof List<?> target) {
                                                        queues.add(String.valueOf(target.get(0)));
                                                    }
                                                }
                                            });
                        });
        return queues;
    }

    @Test
    void asynchronousFunctions_shouldSendFailuresToAQueue_withDeliberateRetryAndAgeLimits() {
        Map<String, String> destinations = FailureDestinations.byQueue(template);
        int asynchronous = 0;
        for (Map.Entry<String, Map<String, Object>> function :
                template.resourcesOfType("AWS::Serverless::Function").entrySet()) {
            Map<String, Object> props = Template.map(function.getValue().get("Properties"));
            boolean async =
                    Template.map(props.get("Events")).values().stream()
                            .anyMatch(
                                    event ->
                                            ASYNC_EVENT_TYPES.contains(
                                                    String.valueOf(
                                                            Template.map(event).get("Type"))));
            if (!async) {
                continue;
            }
            asynchronous++;
            String id = function.getKey();
            assertTrue(
                    destinations.containsValue(id),
                    id + " is invoked asynchronously but has no failure queue");
            Map<String, Object> invokeConfig = Template.map(props.get("EventInvokeConfig"));
            // SAM silently drops misspelt keys here (MaximumEventAge), and cfn-lint does not
            // notice.
            assertTrue(
                    invokeConfig.containsKey("MaximumRetryAttempts"),
                    id + ": MaximumRetryAttempts set deliberately");
            assertTrue(
                    invokeConfig.containsKey("MaximumEventAgeInSeconds"),
                    id + ": MaximumEventAgeInSeconds set deliberately");
            destinations.entrySet().stream()
                    .filter(e -> e.getValue().equals(id))
                    .forEach(
                            e ->
                                    assertEquals(
                                            "AWS::SQS::Queue",
                                            type(e.getKey()),
                                            id
                                                    + "'s failure destination is a queue of the template"));
        }
        assertTrue(asynchronous >= 2, "BounceHandler (SNS) and GiftMailer (schedule) are found");
    }

    @Test
    void everyAlarm_shouldNotifyTheAlarmTopic_andNothingElse() {
        assertEquals("AWS::SNS::Topic", type("AlarmTopic"));
        alarms.forEach(
                (id, alarm) -> {
                    Map<String, Object> props = Template.map(alarm.get("Properties"));
                    List<Object> actions = Template.list(props.get("AlarmActions"));
                    assertFalse(actions.isEmpty(), id + " has no AlarmActions");
                    for (String key :
                            List.of("AlarmActions", "OKActions", "InsufficientDataActions")) {
                        for (Object action : Template.list(props.get(key))) {
                            assertEquals(
                                    Map.of("Ref", "AlarmTopic"),
                                    action,
                                    id + "." + key + " must be !Ref AlarmTopic");
                        }
                    }
                });
    }

    @Test
    void alarmEmail_shouldBeOptional() {
        Map<String, Object> subscription = Template.map(resources.get("AlarmEmailSubscription"));
        assertEquals(
                "HasAlarmEmail",
                subscription.get("Condition"),
                "no subscription without an address");
        assertEquals(
                "",
                String.valueOf(
                        Template.map(template.parameters().get("AlarmEmail")).get("Default")));
    }

    @Test
    void
            everyFunction_shouldHaveAnErrorsAndAThrottlesAlarm_andTheStreamConsumerAnIteratorAgeAlarm() {
        for (String function : template.resourcesOfType("AWS::Serverless::Function").keySet()) {
            for (String metric : List.of("Errors", "Throttles")) {
                assertTrue(
                        hasLambdaAlarm(function, metric),
                        function + " has no " + metric + " alarm");
            }
            boolean stream =
                    Template.map(
                                    Template.map(
                                                    Template.map(resources.get(function))
                                                            .get("Properties"))
                                            .get("Events"))
                            .values()
                            .stream()
                            .anyMatch(e -> "DynamoDB".equals(Template.map(e).get("Type")));
            if (stream) {
                assertTrue(
                        hasLambdaAlarm(function, "IteratorAge"),
                        function + " consumes a stream but has no IteratorAge alarm");
            }
        }
    }

    @Test
    void dashboard_shouldShowEveryAlarm_andOnlyReferToWhatExists() {
        Map<String, Map<String, Object>> dashboards =
                template.resourcesOfType("AWS::CloudWatch::Dashboard");
        assertEquals(1, dashboards.size());
        Object body =
                Template.map(dashboards.values().iterator().next().get("Properties"))
                        .get("DashboardBody");
        String text = String.valueOf(Template.map(body).get("Fn::Sub"));
        Set<String> variables = new LinkedHashSet<>();
        Matcher m = SUB_VARIABLE.matcher(text);
        while (m.find()) {
            variables.add(m.group(1));
        }
        for (String variable : variables) {
            String name =
                    variable.contains(".")
                            ? variable.substring(0, variable.indexOf('.'))
                            : variable;
            assertTrue(
                    name.startsWith("AWS::")
                            || resources.containsKey(name)
                            || template.parameters().containsKey(name),
                    "the dashboard refers to ${"
                            + variable
                            + "}, which the template does not define");
        }
        for (String alarm : alarms.keySet()) {
            assertTrue(variables.contains(alarm + ".Arn"), "the dashboard does not show " + alarm);
        }
        // Once CloudFormation has substituted, the body must be JSON.
        String substituted = text.replaceAll("\\$\\{!", "\\${").replaceAll("\\$\\{[^}]*}", "x");
        assertTrue(
                Json.parse(substituted).path("widgets").isArray(),
                "the dashboard body is JSON with widgets");
    }

    @Test
    void accessLogs_shouldBeJson_withTheRouteAndPath_butNeverTheQueryString() {
        Map<String, Object> api =
                Template.map(Template.map(resources.get("HttpApi")).get("Properties"));
        Map<String, Object> settings = Template.map(api.get("AccessLogSettings"));
        assertEquals(
                Map.of("Fn::GetAtt", List.of("HttpApiAccessLogs", "Arn")),
                settings.get("DestinationArn"));
        assertTrue(
                Template.map(Template.map(resources.get("HttpApiAccessLogs")).get("Properties"))
                        .containsKey("RetentionInDays"),
                "the access log group has a retention");
        JsonNode format = Json.parse(String.valueOf(settings.get("Format")));
        List<String> variables = new ArrayList<>();
        format.fields().forEachRemaining(field -> variables.add(field.getValue().asText()));
        for (String variable : variables) {
            assertTrue(
                    CONTEXT_VARIABLE.matcher(variable).matches(),
                    "each field is one $context variable: " + variable);
            String lower = variable.toLowerCase(Locale.ROOT);
            for (String leak :
                    List.of(
                            "querystring",
                            "requestline",
                            "request.uri",
                            "requestoverride",
                            "authorizer",
                            "rawpath")) {
                assertFalse(
                        lower.contains(leak),
                        variable + " could carry a token from a link into the logs");
            }
        }
        assertTrue(variables.contains("$context.routeKey") && variables.contains("$context.path"));
    }

    @Test
    void publicWrites_shouldBeThrottledBelowTheStageDefault() {
        Map<String, Object> api =
                Template.map(Template.map(resources.get("HttpApi")).get("Properties"));
        Map<String, Object> defaults = Template.map(api.get("DefaultRouteSettings"));
        Map<String, Object> routes = Template.map(api.get("RouteSettings"));
        for (String route : List.of("POST /subscriptions", "POST /gifts/redeem")) {
            Map<String, Object> settings = Template.map(routes.get(route));
            for (String limit : List.of("ThrottlingRateLimit", "ThrottlingBurstLimit")) {
                assertTrue(
                        number(settings.get(limit)) < number(defaults.get(limit)),
                        route + " " + limit + " below the stage default");
            }
        }
        assertEquals(
                Boolean.TRUE,
                Template.map(routes.get("POST /subscriptions")).get("DetailedMetricsEnabled"),
                "the 4xx surge alarm reads route-level metrics");
    }

    @Test
    void reservedConcurrency_shouldLeaveTheAccountsUnreservedMinimum() {
        double reserved = 0;
        for (Map<String, Object> function :
                template.resourcesOfType("AWS::Serverless::Function").values()) {
            Object value =
                    Template.map(function.get("Properties")).get("ReservedConcurrentExecutions");
            if (value != null) {
                String parameter =
                        String.valueOf(
                                Template.map(
                                                Template.list(Template.map(value).get("Fn::If"))
                                                        .get(1))
                                        .get("Ref"));
                reserved +=
                        number(Template.map(template.parameters().get(parameter)).get("Default"));
            }
        }
        assertTrue(reserved > 0, "some concurrency is reserved");
        // A new account has 1000; Lambda keeps 100 unreserved.
        assertTrue(reserved <= 900, "defaults reserve " + reserved + " of a new account's 1000");
    }

    private static boolean hasLambdaAlarm(String function, String metric) {
        return alarms.values().stream()
                .anyMatch(
                        alarm -> {
                            Map<String, Object> props = Template.map(alarm.get("Properties"));
                            return "AWS/Lambda".equals(props.get("Namespace"))
                                    && metric.equals(props.get("MetricName"))
                                    && Map.of("Ref", function)
                                            .equals(dimensions(alarm).get("FunctionName"))
                                    && !Template.list(props.get("AlarmActions")).isEmpty();
                        });
    }

    /** The dimensions of an alarm's metric, or of every metric of a metric-math alarm. */
    private static Map<String, Object> dimensions(Map<String, Object> alarm) {
        Map<String, Object> props = Template.map(alarm.get("Properties"));
        Map<String, Object> found = new LinkedHashMap<>();
        List<Object> lists = new ArrayList<>();
        lists.add(props.get("Dimensions"));
        for (Object metric : Template.list(props.get("Metrics"))) {
            lists.add(
                    Template.map(Template.map(Template.map(metric).get("MetricStat")).get("Metric"))
                            .get("Dimensions"));
        }
        for (Object list : lists) {
            for (Object dimension : Template.list(list)) {
                found.put(
                        String.valueOf(Template.map(dimension).get("Name")),
                        Template.map(dimension).get("Value"));
            }
        }
        return found;
    }

    /**
     * Short names of functions: the suffix of their log group name, {@code
     * /aws/lambda/${AWS::StackName}-<short>}.
     */
    private static Set<String> functionShortNames() {
        Set<String> names = new LinkedHashSet<>();
        template.resourcesOfType("AWS::Serverless::Function")
                .values()
                .forEach(
                        function -> {
                            Object logGroup =
                                    Template.map(
                                            Template.map(
                                                            Template.map(function.get("Properties"))
                                                                    .get("LoggingConfig"))
                                                    .get("LogGroup"));
                            String group = String.valueOf(Template.map(logGroup).get("Ref"));
                            String name =
                                    String.valueOf(
                                            Template.map(
                                                            Template.map(
                                                                            Template.map(
                                                                                            resources
                                                                                                    .get(
                                                                                                            group))
                                                                                    .get(
                                                                                            "Properties"))
                                                                    .get("LogGroupName"))
                                                    .get("Fn::Sub"));
                            names.add(name.substring(name.lastIndexOf("}-") + 2));
                        });
        return names;
    }

    /** Every resource or parameter name an intrinsic inside {@code value} refers to. */
    private static Set<String> references(Object value) {
        Set<String> names = new LinkedHashSet<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach(
                    (key, inner) -> {
                        if ("Ref".equals(key)) {
                            names.add(String.valueOf(inner));
                        } else if ("Fn::GetAtt".equals(key)) {
                            names.add(String.valueOf(Template.list(inner).get(0)));
                        } else {
                            names.addAll(references(inner));
                        }
                    });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> names.addAll(references(item)));
        }
        return names;
    }

    private static String type(String logicalId) {
        return String.valueOf(Template.map(resources.get(logicalId)).get("Type"));
    }

    private static double number(Object value) {
        return Double.parseDouble(String.valueOf(value));
    }
}

package org.newsroom.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The whole system on one machine: the emulator, the template's tables, every function of
 * template.yaml constructed in this JVM with its own resolved environment, the HTTP API and the
 * local event sources. Used by {@code make run} and by the integration tests.
 */
public final class LocalStack implements AutoCloseable {

    /** How to start. {@code port} 0 picks a free port. */
    public record Options(
            Path root,
            URI emulatorEndpoint,
            String host,
            int port,
            String adminToken,
            Map<String, String> parameterOverrides) {}

    private final Options options;
    private final Emulator emulator;
    private final StackModel model;
    private final DynamoDbClient dynamo;
    private final Provisioner provisioner;
    private final Map<String, FunctionSpec> functions;
    // Read by the pollers' threads at each invocation; a test may replace an entry.
    private final Map<String, Object> handlers = new ConcurrentHashMap<>();
    private final List<LocalService> services = new ArrayList<>();
    private final ApiServer api;
    private final Outbox outbox;
    private final MetricLines metricLines = MetricLines.install();
    // The SDK settings this stack replaced, put back on close: a second stack started and closed
    // in one JVM (a test's) must not leave later clients pointing at its stopped emulator.
    private final Map<String, String> sdkSettingsBefore = new LinkedHashMap<>();

    private LocalStack(Options options) throws IOException {
        this.options = options;
        Path root = options.root().toAbsolutePath().normalize();
        this.emulator =
                Emulator.ensure(
                        options.emulatorEndpoint(), root, root.resolve(".local/emulator.log"));
        for (String name : SDK_SETTINGS) {
            sdkSettingsBefore.put(name, System.getProperty(name));
        }
        pointSdkAt(emulator.endpoint());
        try {
            this.model = StackModel.load(root, options.parameterOverrides());
            this.dynamo =
                    DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
            this.provisioner = new Provisioner(model, dynamo);
            provisioner.provision();
            provisioner.provisionSecrets(root.resolve("local/secrets.json"));
            SampleCampaign.load(root, model, dynamo);
            this.functions = model.functions(provisioner::ref, provisioner::attribute);
            functions.values().forEach(f -> handlers.put(f.logicalId(), construct(f)));

            List<Route> routes = new ArrayList<>();
            Map<String, Integer> timeouts = new LinkedHashMap<>();
            functions
                    .values()
                    .forEach(
                            f -> {
                                timeouts.put(f.logicalId(), 15);
                                f.eventsOfType("HttpApi")
                                        .forEach(
                                                (name, props) -> {
                                                    boolean iam =
                                                            "AWS_IAM"
                                                                    .equals(
                                                                            String.valueOf(
                                                                                    Template.map(
                                                                                                    props
                                                                                                            .get(
                                                                                                                    "Auth"))
                                                                                            .get(
                                                                                                    "Authorizer")));
                                                    routes.add(
                                                            Route.of(
                                                                    f.logicalId(),
                                                                    String.valueOf(
                                                                            props.getOrDefault(
                                                                                    "Method",
                                                                                    "ANY")),
                                                                    String.valueOf(
                                                                            props.get("Path")),
                                                                    iam));
                                                });
                            });
            // Literal paths before parameterised ones, as API Gateway prefers the most specific
            // route.
            routes.sort(
                    (a, b) ->
                            Long.compare(
                                    a.path().chars().filter(c -> c == '{').count(),
                                    b.path().chars().filter(c -> c == '{').count()));
            this.api =
                    new ApiServer(
                            options.host(),
                            options.port(),
                            routes,
                            this::httpHandler,
                            timeouts,
                            allowedOrigins(),
                            options.adminToken(),
                            root.resolve("web"));
            this.outbox = new Outbox(emulator.endpoint());
            api.addLocalPage("/_local/outbox", outbox::page);
            functions.values().forEach(this::addEventSources);
        } catch (IOException | RuntimeException e) {
            // Never leave an emulator started here running behind a failed start.
            emulator.close();
            throw e;
        }
    }

    /** What to load before the API answers anyone: the sample content of {@code make run}. */
    public interface Samples {
        void load(LocalStack stack) throws IOException, InterruptedException;
    }

    /** Starts everything with no sample content; the caller closes it. */
    public static LocalStack start(Options options) {
        return start(options, stack -> {});
    }

    /**
     * Starts everything, loads {@code samples}, and only then answers API requests: requests that
     * arrive meanwhile wait (the loader's own, which carry the admin token, go through), so nobody
     * sees, or caches, an empty catalogue. The caller closes it; a failed start closes what it
     * started.
     */
    public static LocalStack start(Options options, Samples samples) {
        LocalStack stack;
        try {
            stack = new LocalStack(options);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not open the local API on port "
                            + options.port()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        try {
            stack.api.start();
            stack.services.forEach(LocalService::start);
            samples.load(stack);
            stack.api.ready();
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw new IllegalStateException(
                    "Could not load the sample content: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            stack.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading the sample content", e);
        }
    }

    /**
     * Everything {@link #start} builds (the emulator, tables, secrets, every handler constructed),
     * but neither the API nor any event source is started: no poller, no schedule runs beside what
     * the caller measures ({@code make bench}). The caller closes it.
     */
    public static LocalStack provisionOnly(Options options) {
        try {
            return new LocalStack(options);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not provision the local stack: " + e.getMessage(), e);
        }
    }

    /** A random admin token, for when none is configured. */
    public static String randomToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static final List<String> SDK_SETTINGS =
            List.of("aws.endpointUrl", "aws.region", "aws.accessKeyId", "aws.secretAccessKey");

    static void pointSdkAt(URI endpoint) {
        // System properties win over the environment in the SDK's default chains, so the local
        // stack can never reach a real AWS account even when the shell has credentials.
        System.setProperty("aws.endpointUrl", endpoint.toString());
        System.setProperty("aws.region", Intrinsics.REGION);
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    private List<String> allowedOrigins() {
        List<String> origins = new ArrayList<>();
        model.template()
                .resourcesOfType("AWS::Serverless::HttpApi")
                .values()
                .forEach(
                        api -> {
                            Object cors =
                                    Template.map(api.get("Properties")).get("CorsConfiguration");
                            Object resolved =
                                    provisioner
                                            .intrinsics()
                                            .resolve(Template.map(cors).get("AllowOrigins"));
                            Template.list(resolved).forEach(o -> origins.add(String.valueOf(o)));
                        });
        return origins;
    }

    static Object construct(FunctionSpec function) {
        try {
            Class<?> type = Class.forName(function.handlerClass());
            return type.getConstructor(Map.class).newInstance(function.environment());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    function.logicalId() + " failed to initialise: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    function.logicalId()
                            + ": handler "
                            + function.handlerClass()
                            + " needs a public constructor taking the environment map",
                    e);
        }
    }

    @SuppressWarnings("unchecked")
    private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpHandler(
            String logicalId) {
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                handlers.get(logicalId);
    }

    private void addEventSources(FunctionSpec function) {
        function.events()
                .forEach(
                        (name, event) -> {
                            String type = String.valueOf(event.get("Type"));
                            switch (type) {
                                case "HttpApi" -> {}
                                case "Schedule" ->
                                        services.add(
                                                new ScheduleRunner(
                                                        function,
                                                        name,
                                                        handlers.get(function.logicalId()),
                                                        asyncFailures(function)));
                                case "DynamoDB" ->
                                        services.add(
                                                StreamPoller.forEvent(
                                                        function.logicalId(),
                                                        resolvedProperties(event),
                                                        () -> handlers.get(function.logicalId())));
                                case "SNS" ->
                                        services.add(
                                                new SnsDelivery(
                                                        function.logicalId(),
                                                        provisioner
                                                                .intrinsics()
                                                                .string(
                                                                        Template.map(
                                                                                        event.get(
                                                                                                "Properties"))
                                                                                .get("Topic")),
                                                        handlers.get(function.logicalId()),
                                                        asyncFailures(function)));
                                case "SQS" ->
                                        services.add(
                                                new SqsPoller(
                                                        SqsPoller.Settings.from(
                                                                function.logicalId(),
                                                                resolvedProperties(event),
                                                                timeoutSeconds(function)),
                                                        () -> handlers.get(function.logicalId())));
                                default ->
                                        System.out.println(
                                                "local: "
                                                        + function.logicalId()
                                                        + "."
                                                        + name
                                                        + " ("
                                                        + type
                                                        + ") has no local event source; invoke it with its events/ file instead");
                            }
                        });
    }

    /** An event source's {@code Properties} with the template's intrinsics resolved. */
    private Map<String, Object> resolvedProperties(Map<String, Object> event) {
        return Template.map(provisioner.intrinsics().resolve(event.get("Properties")));
    }

    private AsyncFailures asyncFailures(FunctionSpec function) {
        return AsyncFailures.of(model.template(), function.logicalId(), provisioner::ref);
    }

    /** The function's {@code Timeout}, or the template's Globals one, or Lambda's default (3 s). */
    private int timeoutSeconds(FunctionSpec function) {
        Object own =
                Template.map(
                                Template.map(model.template().resources().get(function.logicalId()))
                                        .get("Properties"))
                        .get("Timeout");
        Object timeout = own != null ? own : model.template().functionGlobals().get("Timeout");
        return timeout == null ? 3 : Integer.parseInt(provisioner.intrinsics().string(timeout));
    }

    public URI baseUrl() {
        return URI.create("http://" + options.host() + ":" + api.port());
    }

    public URI emulatorEndpoint() {
        return emulator.endpoint();
    }

    public String adminToken() {
        return options.adminToken();
    }

    /** The metric lines the functions printed, for tests (they are printed as well). */
    public MetricLines metricLines() {
        return metricLines;
    }

    /** The emails sent through the emulator's SES. */
    public Outbox outbox() {
        return outbox;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public StackModel model() {
        return model;
    }

    public Map<String, FunctionSpec> functions() {
        return functions;
    }

    /** The local name of a template resource, such as a table. */
    public String physicalId(String logicalId) {
        return provisioner.ref(logicalId);
    }

    /** The current value of a template secret in the emulator (what the functions read). */
    public String secretValue(String logicalId) {
        try (SecretsManagerClient client =
                SecretsManagerClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            return client.getSecretValue(b -> b.secretId(provisioner.ref(logicalId)))
                    .secretString();
        }
    }

    /** Puts a new value in a template secret, as an operator's rotation would. */
    public void putSecretValue(String logicalId, String value) {
        try (SecretsManagerClient client =
                SecretsManagerClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            client.putSecretValue(b -> b.secretId(provisioner.ref(logicalId)).secretString(value));
        }
    }

    /** The constructed handler of a function, for invoking non-HTTP events in tests. */
    public Object handler(String logicalId) {
        return handlers.get(logicalId);
    }

    /**
     * For integration tests only: makes the SQS pollers and the API invoke {@code replacement}
     * (built from the function's resolved environment, for example the real handler with a failing
     * mail sender) instead of the function's handler, until the returned handle is closed, which
     * puts a freshly constructed handler back.
     */
    public AutoCloseable replaceHandlerForTest(
            String logicalId, Function<Map<String, String>, Object> replacement) {
        FunctionSpec function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("No function " + logicalId + " in the template");
        }
        handlers.put(logicalId, replacement.apply(function.environment()));
        return () -> handlers.put(logicalId, construct(function));
    }

    @Override
    public void close() {
        services.forEach(LocalService::close);
        api.close();
        dynamo.close();
        emulator.close();
        sdkSettingsBefore.forEach(
                (name, value) -> {
                    if (value == null) {
                        System.clearProperty(name);
                    } else {
                        System.setProperty(name, value);
                    }
                });
    }
}

package org.newsroom.core.priming;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.crypto.HmacSha256;
import org.newsroom.core.http.GatewayJson;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.core.log.Log;
import org.newsroom.core.secrets.CachedSecret;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming: the {@code org.crac} hooks the Lambda runtime calls around a snapshot.
 *
 * <p>A function registers one {@code Priming} when Lambda constructs its handler. Before the
 * snapshot is taken ({@link #beforeCheckpoint}) its {@code prime} action runs the function's
 * request path once (a sample event parsed, handled, the response serialised, one harmless SDK
 * call), so the snapshot holds those classes loaded and initialised and a restored copy answers its
 * first request without paying for them; then every {@link CachedSecret} is forgotten, so no value
 * the sample request read is kept into the snapshot. After a restore ({@link #afterRestore}) they
 * are forgotten again (a secret read before the snapshot may have been rotated since) and the
 * function's own {@code restore} action runs.
 *
 * <p>Priming is best effort: a failure is logged (class only) and the snapshot is taken anyway, as
 * an unprimed function is slower but correct. Resources are kept here strongly, because the {@code
 * org.crac} context holds them only weakly. Outside Lambda (tests, the local stack, {@code make
 * bench}) nothing calls the hooks unless {@link #primeAll()} is called.
 */
public final class Priming implements Resource {

    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    /** How long a snapshot waits for the init's warm-up threads: seconds of work at most. */
    static final java.time.Duration WARM_UP_LIMIT = java.time.Duration.ofSeconds(10);

    private final String function;
    private final Runnable prime;
    private final Runnable restore;
    private final Log log;

    private Priming(String function, Runnable prime, Runnable restore) {
        this.function = Objects.requireNonNull(function, "function");
        this.prime = Objects.requireNonNull(prime, "prime");
        this.restore = Objects.requireNonNull(restore, "restore");
        this.log = new Log(function);
    }

    /**
     * Registers {@code prime} to run before the snapshot and {@code restore} after each restore.
     */
    public static Priming register(String function, Runnable prime, Runnable restore) {
        Priming priming = new Priming(function, prime, restore);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** As {@link #register(String, Runnable, Runnable)}, with nothing function-specific to redo. */
    public static Priming register(String function, Runnable prime) {
        return register(function, prime, () -> {});
    }

    /**
     * Runs every registered priming action now, as the runtime does before a snapshot: what {@code
     * make bench} calls to measure a primed first request.
     */
    public static void primeAll() {
        REGISTERED.forEach(Priming::prime);
    }

    /** Runs every registered restore action now, as the runtime does after a restore. */
    public static void restoreAll() {
        REGISTERED.forEach(Priming::restore);
    }

    /**
     * One harmless read: a GetItem of a key that no item has, in a table keyed by {@code pk} and
     * {@code sk}. It loads and initialises the SDK's request path (signing, marshalling, the HTTP
     * client, unmarshalling) without touching any data.
     */
    public static void readMissingItem(DynamoDbClient dynamo, String table) {
        AttributeValue none = AttributeValue.fromS("PRIMING#none");
        dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", none, "sk", none)));
    }

    /**
     * One harmless Query: the partition {@code pk = PRIMING#none}, which no item has, in a table
     * keyed by {@code pk}, for a function whose request path queries rather than gets (the same
     * request path as {@link #readMissingItem}, with the Query's own model classes).
     */
    public static void queryMissingPartition(DynamoDbClient dynamo, String table) {
        dynamo.query(
                b ->
                        b.tableName(table)
                                .keyConditionExpression("#pk = :pk")
                                .expressionAttributeNames(Map.of("#pk", "pk"))
                                .expressionAttributeValues(
                                        Map.of(":pk", AttributeValue.fromS("PRIMING#none"))));
    }

    /**
     * Hands a sample event to a function's stream overload, as Lambda does (the event read, handled
     * and the response written as JSON on the way), and returns what it wrote.
     */
    public static String stream(RequestStreamHandler handler, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(
                    new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Sends one sample request through an HTTP function as the gateway would: the event (payload
     * 2.0) written as JSON and parsed back, handled without a Lambda context, the response
     * serialised. {@code routeKey} is the template's ({@code "GET /articles/{slug}"}); {@code
     * body}, when not null, is sent as JSON. Returns the response's status code.
     */
    public static int http(
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            String routeKey,
            String path,
            Map<String, String> pathParameters,
            String body) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        ObjectNode event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        headers.put("accept", "application/json");
        headers.put("user-agent", "snapstart-priming");
        if (body != null) {
            headers.put("content-type", "application/json");
            event.put("body", body);
        }
        ObjectNode parameters = event.putObject("pathParameters");
        pathParameters.forEach(parameters::put);
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", routeKey);
        context.put("requestId", "snapstart-priming");
        context.put("timeEpoch", System.currentTimeMillis());
        context.putObject("http")
                .put("method", method)
                .put("path", path)
                .put("protocol", "HTTP/1.1")
                .put("sourceIp", "127.0.0.1")
                .put("userAgent", "snapstart-priming");
        if (handler instanceof RequestStreamHandler stream) {
            // The overload Lambda calls (ApiHandler's).
            return Json.parse(stream(stream, event.toString())).path("statusCode").asInt();
        }
        try {
            return handler.handleRequest(
                            GatewayJson.read(
                                    new ByteArrayInputStream(
                                            event.toString().getBytes(StandardCharsets.UTF_8))),
                            null)
                    .getStatusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        restore();
    }

    /** What the init's warm-up threads load belongs in the snapshot too. */
    private void awaitWarmUps() {
        try {
            if (!WarmUpThread.awaitAll(WARM_UP_LIMIT)) {
                log.warn("warm-up still running at the snapshot", Map.of());
            }
        } catch (InterruptedException e) {
            // Primed without waiting; the flag stays for whoever interrupted.
            Thread.currentThread().interrupt();
        }
    }

    private void prime() {
        long started = System.nanoTime();
        try {
            awaitWarmUps();
            prime.run();
            if (CachedSecret.anyOpen()) {
                // Secrets are read on first use; signing a request here (and sending nothing)
                // puts what a read loads into the snapshot without reading any secret.
                AwsClients.secretsManager().prime();
            }
            log.info("primed", Map.of("primingMs", (System.nanoTime() - started) / 1_000_000));
        } catch (RuntimeException e) {
            log.warn(
                    "priming failed; the snapshot is taken unprimed",
                    Map.of("errorType", e.getClass().getName()));
        }
        // A secret the sample request read is not kept into the snapshot, nor a Mac keyed with it.
        CachedSecret.refreshAll();
        HmacSha256.forgetKeys();
    }

    private void restore() {
        CachedSecret.refreshAll();
        HmacSha256.forgetKeys();
        restore.run();
    }
}

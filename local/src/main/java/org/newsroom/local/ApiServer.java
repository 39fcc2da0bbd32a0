package org.newsroom.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP API on localhost, routed as API Gateway routes it: by the template's HttpApi events,
 * with payload 2.0 events (base64 bodies for non-text content, joined repeated headers and query
 * parameters, cookies, request context), CORS answered by the "gateway" from the HttpApi's
 * CorsConfiguration, and IAM-authorised routes closed to any request without the local admin token.
 */
final class ApiServer implements AutoCloseable {

    static {
        // The JDK's server leaves Nagle's algorithm on: every response on a keep-alive connection
        // then waits about 40 ms for the client's delayed ACK. It reads this property once, when
        // its configuration class loads, so it is set before the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** How long a request that arrives while sample content loads waits before a 503. */
    static final long STARTING_WAIT_SECONDS = 120;

    /** API Gateway's payload limit. */
    private static final int MAX_BODY = 10 * 1024 * 1024;

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
                    .withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Route> routes;
    private final Function<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>
            handlers;
    private final Map<String, Integer> timeouts;
    private final List<String> allowedOrigins;
    private final String adminToken;
    private final Path webRoot;
    private final Map<String, LocalPage> localPages = new LinkedHashMap<>();
    // Open once sample content is loaded; until then only the loader's requests (which carry the
    // admin token) are answered, so nobody caches an empty catalogue.
    private final CountDownLatch ready = new CountDownLatch(1);

    /** A local-only page under {@code /_local/}, such as the outbox. */
    interface LocalPage {
        void handle(HttpExchange exchange) throws IOException;
    }

    ApiServer(
            String host,
            int port,
            List<Route> routes,
            Function<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>
                    handlers,
            Map<String, Integer> timeouts,
            List<String> allowedOrigins,
            String adminToken,
            Path webRoot)
            throws IOException {
        this.routes = routes;
        this.handlers = handlers;
        this.timeouts = timeouts;
        this.allowedOrigins = allowedOrigins;
        this.adminToken = adminToken;
        this.webRoot = webRoot;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 256);
        this.executor =
                Executors.newFixedThreadPool(
                        32,
                        r -> {
                            Thread t = new Thread(r, "local-api");
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    void addLocalPage(String path, LocalPage page) {
        localPages.put(path, page);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Answers every request from now on (those held meanwhile go on at once). */
    void ready() {
        ready.countDown();
    }

    boolean isReady() {
        return ready.getCount() == 0;
    }

    /**
     * Holds a request that arrives before {@link #ready()}, unless it carries the admin token (the
     * sample loader's own requests); false when the stack is still not ready after the wait.
     */
    private boolean awaitReady(HttpExchange exchange) {
        if (isReady() || authorised(exchange)) {
            return true;
        }
        try {
            return ready.await(STARTING_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!awaitReady(exchange)) {
                exchange.getResponseHeaders().set("Retry-After", "5");
                gatewayError(
                        exchange,
                        503,
                        "Service Unavailable: the local stack is starting",
                        Optional.empty());
                return;
            }
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            Optional<String> origin =
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Origin"));
            LocalPage page = localPages.get(rawPath);
            if (page != null) {
                page.handle(exchange);
                return;
            }
            if (method.equals("OPTIONS")
                    && origin.isPresent()
                    && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method")) {
                preflight(exchange, origin.get());
                return;
            }
            Route matched = null;
            Map<String, String> pathParams = Map.of();
            boolean pathKnown = false;
            for (Route route : routes) {
                Optional<Map<String, String>> params = route.match(rawPath);
                if (params.isPresent()) {
                    pathKnown = true;
                    if (route.matchesMethod(method)) {
                        matched = route;
                        pathParams = params.get();
                        break;
                    }
                }
            }
            if (matched == null) {
                if (!pathKnown && method.equals("GET") && serveStatic(exchange, rawPath)) {
                    return;
                }
                gatewayError(exchange, 404, "Not Found", origin);
                return;
            }
            if (matched.iam() && !authorised(exchange)) {
                gatewayError(exchange, 403, "Forbidden", origin);
                return;
            }
            byte[] body = readBody(exchange);
            if (body == null) {
                gatewayError(exchange, 413, "Request Entity Too Large", origin);
                return;
            }
            APIGatewayV2HTTPEvent event = event(exchange, matched, pathParams, body);
            APIGatewayV2HTTPResponse response;
            String functionId = matched.functionId();
            try {
                SdkCallCounter.Counted<APIGatewayV2HTTPResponse> counted =
                        SdkCallCounter.count(
                                () ->
                                        handlers.apply(functionId)
                                                .handleRequest(
                                                        event,
                                                        new LocalContext(
                                                                functionId,
                                                                timeouts.getOrDefault(
                                                                        functionId, 15))));
                response = counted.result();
                if (SdkCallCounter.installed()) {
                    exchange.getResponseHeaders()
                            .set(
                                    SdkCallCounter.HEADER,
                                    counted.calls().size()
                                            + " "
                                            + String.join(",", counted.calls()));
                }
            } catch (RuntimeException e) {
                // Lambda reports an unhandled function error to API Gateway as 500.
                System.err.println(
                        "local: " + matched.functionId() + " failed: " + e.getClass().getName());
                gatewayError(exchange, 500, "Internal Server Error", origin);
                return;
            }
            write(exchange, response, origin);
        }
    }

    private boolean authorised(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(
                header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                adminToken.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            return bytes.length > MAX_BODY ? null : bytes;
        }
    }

    private APIGatewayV2HTTPEvent event(
            HttpExchange exchange, Route route, Map<String, String> pathParams, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String value : header.getValue()) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
                continue;
            }
            headers.put(name, String.join(",", header.getValue()));
        }
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        boolean text =
                contentType.startsWith("text/")
                        || contentType.contains("json")
                        || contentType.contains("xml")
                        || contentType.contains("javascript");
        String encodedBody = null;
        boolean base64 = false;
        if (body.length > 0) {
            if (text) {
                encodedBody = new String(body, StandardCharsets.UTF_8);
            } else {
                encodedBody = Base64.getEncoder().encodeToString(body);
                base64 = true;
            }
        }
        Instant now = Instant.now();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        APIGatewayV2HTTPEvent.RequestContext.Http http =
                APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT))
                        .withPath(exchange.getRequestURI().getRawPath())
                        .withProtocol(exchange.getProtocol())
                        .withSourceIp(sourceIp)
                        .withUserAgent(headers.getOrDefault("user-agent", ""))
                        .build();
        APIGatewayV2HTTPEvent.RequestContext.RequestContextBuilder context =
                APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId(Intrinsics.ACCOUNT)
                        .withApiId("local")
                        .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
                        .withDomainPrefix("local")
                        .withHttp(http)
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey(route.routeKey())
                        .withStage("$default")
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli());
        if (route.iam()) {
            context.withAuthorizer(
                    APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                            .withIam(
                                    APIGatewayV2HTTPEvent.RequestContext.IAM
                                            .builder()
                                            .withAccountId(Intrinsics.ACCOUNT)
                                            .withUserArn(
                                                    "arn:aws:iam::"
                                                            + Intrinsics.ACCOUNT
                                                            + ":user/local-editor")
                                            .withUserId("LOCALEDITOR")
                                            .build())
                            .build());
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParams.isEmpty() ? null : pathParams)
                .withRequestContext(context.build())
                .withBody(encodedBody)
                .withIsBase64Encoded(base64)
                .build();
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private void write(
            HttpExchange exchange, APIGatewayV2HTTPResponse response, Optional<String> origin)
            throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(out::set);
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders()
                    .forEach((k, v) -> v.forEach(value -> out.add(k, value)));
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> out.add("Set-Cookie", cookie));
        }
        cors(out, origin);
        byte[] body =
                response.getBody() == null
                        ? new byte[0]
                        : response.getIsBase64Encoded()
                                ? Base64.getDecoder().decode(response.getBody())
                                : response.getBody().getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        boolean noBody =
                status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    private void cors(Headers out, Optional<String> origin) {
        if (origin.isPresent() && allowed(origin.get())) {
            out.set("Access-Control-Allow-Origin", origin.get());
            out.set("Access-Control-Expose-Headers", "etag");
            out.add("Vary", "Origin");
        }
    }

    private boolean allowed(String origin) {
        return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
    }

    private void preflight(HttpExchange exchange, String origin) throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (allowed(origin)) {
            out.set("Access-Control-Allow-Origin", origin);
            out.set("Access-Control-Allow-Methods", "GET,POST,OPTIONS");
            out.set("Access-Control-Allow-Headers", "content-type,if-none-match");
            out.set("Access-Control-Max-Age", "600");
            out.add("Vary", "Origin");
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private void gatewayError(
            HttpExchange exchange, int status, String message, Optional<String> origin)
            throws IOException {
        byte[] body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        cors(exchange.getResponseHeaders(), origin);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    private boolean serveStatic(HttpExchange exchange, String rawPath) throws IOException {
        if (webRoot == null || !Files.isDirectory(webRoot)) {
            return false;
        }
        String relative = decode(rawPath).replaceFirst("^/+", "");
        if (relative.isEmpty()) {
            relative = "index.html";
        }
        Path file = webRoot.resolve(relative).normalize();
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!file.startsWith(webRoot) || !Files.isRegularFile(file)) {
            return false;
        }
        String name = file.getFileName().toString();
        String type =
                name.endsWith(".html")
                        ? "text/html; charset=utf-8"
                        : name.endsWith(".js")
                                ? "text/javascript; charset=utf-8"
                                : name.endsWith(".css")
                                        ? "text/css; charset=utf-8"
                                        : name.endsWith(".svg")
                                                ? "image/svg+xml"
                                                : name.endsWith(".json")
                                                        ? "application/json"
                                                        : name.endsWith(".yaml")
                                                                        || name.endsWith(".yml")
                                                                ? "application/yaml; charset=utf-8"
                                                                : "application/octet-stream";
        byte[] bytes = Files.readAllBytes(file);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

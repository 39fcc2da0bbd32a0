package org.newsroom.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsroom.core.config.Config;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.json.Json;
import org.newsroom.local.Emulator;
import org.newsroom.local.LocalStack;
import org.newsroom.memberships.DynamoDbGiftRepository;
import org.newsroom.memberships.Gift;
import org.newsroom.memberships.GiftCodes;
import org.newsroom.memberships.MembershipTable;
import org.newsroom.memberships.MembershipTableSettings;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.SubscriptionStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The benchmark's events take the real path on every run, not only on the first: each function's
 * event is handled twice (as two cold runs: a handler constructed afresh each time) against one
 * emulator prepared as {@code make bench} prepares it. Provisioned only, as the benchmark is: a
 * running stream poller would send the confirmation before the mailer under test sees it.
 */
class BenchEventsIT {

    private static LocalStack stack;
    private static BenchEvents events;
    private static Map<String, ColdStartBench.Target> targets;

    @BeforeAll
    static void provision() throws Exception {
        Path root = Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
        stack =
                LocalStack.provisionOnly(
                        new LocalStack.Options(
                                root,
                                URI.create("http://127.0.0.1:" + Emulator.freePort()),
                                "127.0.0.1",
                                0,
                                LocalStack.randomToken(),
                                Map.of()));
        List<ColdStartBench.Target> all = ColdStartBench.targets(root, stack);
        events = new BenchEvents(root, stack);
        events.prepare(all);
        targets = new java.util.LinkedHashMap<>();
        all.forEach(t -> targets.put(t.name(), t));
    }

    @AfterAll
    static void close() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void articlesAdmin_shouldCreateAnArticle_onEveryRun_andReplaceOne_onEveryWarmInvocation()
            throws Exception {
        for (int n = 0; n < 2; n++) {
            APIGatewayV2HTTPResponse response =
                    (APIGatewayV2HTTPResponse) coldRun(BenchEvents.ADMIN, n);
            assertEquals(201, response.getStatusCode(), response.getBody());
        }
        // Warm: each invocation replaces the same seeded article (If-Match: *), a real save.
        WarmPathBench.Events warm = events.warm(targets.get(BenchEvents.ADMIN), 100);
        for (int n = 0; n < 2; n++) {
            APIGatewayV2HTTPResponse response =
                    (APIGatewayV2HTTPResponse)
                            invoke(
                                    stack.handler(BenchEvents.ADMIN),
                                    WarmPathBench.fromClient(warm, n));
            assertEquals(200, response.getStatusCode(), response.getBody());
        }
    }

    @Test
    void afterProbe_shouldRemoveTheArticleTheAdminsRunCreated_withItsListingsAndReferences()
            throws Exception {
        String table = stack.physicalId("ArticlesTable");
        Set<Map<String, AttributeValue>> before = keys(table);
        APIGatewayV2HTTPResponse response =
                (APIGatewayV2HTTPResponse) coldRun(BenchEvents.ADMIN, 50);
        assertEquals(201, response.getStatusCode(), response.getBody());
        Set<Map<String, AttributeValue>> created = keys(table);
        created.removeAll(before);
        // The article, its listing entries, and references under the stories it chose.
        assertTrue(
                created.stream().anyMatch(k -> k.get("sk").s().startsWith("R#")),
                created::toString);
        assertTrue(created.size() > 3, created::toString);

        events.afterProbe(targets.get(BenchEvents.ADMIN), 50);

        assertEquals(before, keys(table));
    }

    private static Set<Map<String, AttributeValue>> keys(String table) {
        Set<Map<String, AttributeValue>> keys = new java.util.HashSet<>();
        stack.dynamo()
                .scanPaginator(b -> b.tableName(table).projectionExpression("pk, sk"))
                .items()
                .forEach(keys::add);
        return keys;
    }

    @Test
    void articlesRead_shouldListAFullPage_fromTheFirstRun() throws Exception {
        APIGatewayV2HTTPResponse response =
                (APIGatewayV2HTTPResponse) coldRun("ArticlesReadFunction", 0);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(BenchEvents.FEED_PAGE, Json.read(response.getBody()).path("items").size());
    }

    @Test
    void stripeWebhook_shouldStartAMembership_onEveryRun() throws Exception {
        for (int n = 0; n < 2; n++) {
            long mark = stack.metricLines().mark();
            APIGatewayV2HTTPResponse response =
                    (APIGatewayV2HTTPResponse) coldRun(BenchEvents.WEBHOOK, n);
            assertEquals(200, response.getStatusCode(), response.getBody());
            List<String> metrics = stack.metricLines().since(mark);
            assertTrue(
                    metrics.stream().anyMatch(l -> l.contains("\"MembershipsStarted\"")),
                    "run " + n + " started no membership: " + metrics);
        }
    }

    @Test
    void confirmationMailer_shouldSendAnEmail_onEveryRun() throws Exception {
        for (int n = 0; n < 2; n++) {
            int before = stack.outbox().messages().size();
            StreamsEventResponse response = (StreamsEventResponse) coldRun(BenchEvents.MAILER, n);
            assertEquals(List.of(), response.getBatchItemFailures());
            assertEquals(before + 1, stack.outbox().messages().size(), "run " + n);
        }
    }

    @Test
    void issueSender_shouldMailTheBatch_onEveryRun() throws Exception {
        for (int n = 0; n < 2; n++) {
            int before = stack.outbox().messages().size();
            SQSBatchResponse response = (SQSBatchResponse) coldRun(BenchEvents.SENDER, n);
            assertEquals(List.of(), response.getBatchItemFailures());
            assertEquals(before + 1, stack.outbox().messages().size(), "run " + n);
        }
    }

    @Test
    void bounceHandler_shouldSuppressASubscribedAddress_onEveryRun() throws Exception {
        AddressKeys keys = new AddressKeys(Pepper.of(stack.secretValue("PepperSecret")));
        DynamoDbSubscriptionRepository subscriptions =
                new DynamoDbSubscriptionRepository(
                        stack.dynamo(), stack.physicalId("SubscriptionsTable"));
        for (int n = 0; n < 2; n++) {
            byte[] event = events.event(targets.get(BenchEvents.BOUNCES), n);
            String bounced =
                    Json.read(Json.read(event).at("/Records/0/Sns/Message").asText())
                            .at("/bounce/bouncedRecipients/0/emailAddress")
                            .asText();
            String addressId = keys.id(EmailAddress.parse(bounced).orElseThrow());
            assertEquals(
                    List.of(SubscriptionStatus.CONFIRMED),
                    subscriptions.findAll(addressId).stream().map(s -> s.status()).toList());

            assertEquals("notifications=1 suppressed=1", coldRun(BenchEvents.BOUNCES, event));

            assertEquals(
                    List.of(SubscriptionStatus.SUPPRESSED),
                    subscriptions.findAll(addressId).stream().map(s -> s.status()).toList(),
                    "run " + n);
            assertTrue(subscriptions.isSuppressed(addressId));
        }
    }

    @Test
    void newsletterIssues_shouldCreateAnIssue_onEveryRun() throws Exception {
        for (int n = 0; n < 2; n++) {
            APIGatewayV2HTTPResponse response =
                    (APIGatewayV2HTTPResponse) coldRun(BenchEvents.ISSUES, n);
            assertEquals(201, response.getStatusCode(), response.getBody());
        }
    }

    @Test
    void giftRedeem_shouldRedeemAFreshGift_onEveryRun_andOnEveryWarmInvocation() throws Exception {
        ColdStartBench.Target target = targets.get(BenchEvents.GIFT_REDEEM);
        for (int n = 0; n < 2; n++) {
            byte[] event = events.event(target, n);
            assertEquals(Gift.State.ISSUED, giftOf(event).state(), "run " + n + " before");

            APIGatewayV2HTTPResponse response =
                    (APIGatewayV2HTTPResponse) coldRun(BenchEvents.GIFT_REDEEM, event);

            assertEquals(200, response.getStatusCode(), response.getBody());
            assertEquals("gift", Json.read(response.getBody()).path("plan").asText());
            Gift redeemed = giftOf(event);
            assertEquals(Gift.State.REDEEMED, redeemed.state(), "run " + n);
            assertEquals(
                    BenchEvents.giftId(BenchEvents.GIFT_REDEEM, events.suffix(n)), redeemed.id());
        }
        // Warm: each invocation redeems a gift seeded for it while its event was made.
        WarmPathBench.Events warm = events.warm(target, 100);
        for (int n = 0; n < 2; n++) {
            byte[] event = WarmPathBench.fromClient(warm, n);
            APIGatewayV2HTTPResponse response =
                    (APIGatewayV2HTTPResponse)
                            invoke(stack.handler(BenchEvents.GIFT_REDEEM), event);
            assertEquals(200, response.getStatusCode(), response.getBody());
            assertEquals(Gift.State.REDEEMED, giftOf(event).state(), "warm " + n);
            // Untimed after it: its items go, so the table does not grow with the loop.
            warm.after(n);
            String giftId = BenchEvents.giftId(BenchEvents.GIFT_REDEEM, events.suffix(100 + n));
            assertTrue(gifts(BenchEvents.GIFT_REDEEM).findGift(giftId).isEmpty(), giftId);
            String code = Json.read(Json.read(event).path("body").asText()).path("code").asText();
            assertTrue(
                    gifts(BenchEvents.GIFT_REDEEM)
                            .findGiftIdByCode(
                                    GiftCodes.hash(GiftCodes.normalise(code).orElseThrow()))
                            .isEmpty());
        }
    }

    @Test
    void giftMailer_shouldSendOneGiftEmail_onEveryRun() throws Exception {
        for (int n = 0; n < 2; n++) {
            int before = stack.outbox().messages().size();

            Map<?, ?> summary = (Map<?, ?>) coldRun(BenchEvents.GIFT_MAILER, n);

            assertEquals(1, ((Number) summary.get("sent")).intValue(), "run " + n + ": " + summary);
            assertEquals(
                    0, ((Number) summary.get("failed")).intValue(), "run " + n + ": " + summary);
            assertEquals(before + 1, stack.outbox().messages().size(), "run " + n);
            String recipient = BenchEvents.recipient(events.suffix(n));
            assertEquals(1, stack.outbox().to(recipient).size(), "run " + n);
            assertEquals(
                    Gift.State.ISSUED,
                    gifts(BenchEvents.GIFT_MAILER)
                            .findGift(BenchEvents.giftId(BenchEvents.GIFT_MAILER, events.suffix(n)))
                            .orElseThrow()
                            .state());
        }
    }

    @Test
    void sdkEntryNanos_shouldMeasureTheSdkWorkOfAGetItemOutsideTheInterceptorsHooks()
            throws Exception {
        String table = stack.physicalId("ArticlesTable");
        try (DynamoDbClient timed =
                DynamoDbClient.builder()
                        .httpClient(org.newsroom.core.aws.AwsClients.httpClient())
                        .overrideConfiguration(c -> c.addExecutionInterceptor(new SdkCallTimer()))
                        .build()) {
            AttributeValue none = AttributeValue.fromS("bench#none");
            long[] wall = new long[WarmPathBench.INVOCATIONS];
            for (int i = 0; i < wall.length; i++) {
                long started = System.nanoTime();
                timed.getItem(b -> b.tableName(table).key(Map.of("pk", none, "sk", none)));
                wall[i] = System.nanoTime() - started;
            }

            long entry = WarmPathBench.sdkEntryNanos(timed, table);

            // Some work is always outside the hooks, and it is a small part of a whole call.
            assertTrue(entry > 0, "entry " + entry);
            assertTrue(
                    entry < WarmPathBench.percentile(wall, 50) / 2,
                    "entry "
                            + entry
                            + " ns against a whole GetItem's p50 "
                            + WarmPathBench.percentile(wall, 50));
        }
    }

    @Test
    void coldStartProbe_shouldTimeTheFirstRequestsSdkCalls_withTheInterceptorOnItsClassPath(
            @TempDir Path interceptors) throws Exception {
        installTimer(interceptors);
        String probe = probeClasspath();
        String timedProbe = interceptors + File.pathSeparator + probe;
        WarmPathBench.requireTimedProbe(timedProbe);
        ColdStartBench.Target target = targets.get(BenchEvents.GIFT_REDEEM);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> env = ColdStartBench.probeEnvironment(stack, target.environment());
        Path event = events.file(target, 2);

        ColdStartBench.Sample cold =
                ColdStartBench.measure(
                        java,
                        target.jvmOptions(),
                        target.jar() + File.pathSeparator + timedProbe,
                        List.of(target.handlerClass(), event.toString()),
                        env);
        ColdStartBench.Sample bare =
                ColdStartBench.measure(
                        java,
                        target.jvmOptions(),
                        target.jar() + File.pathSeparator + timedProbe,
                        List.of("--sdk", stack.physicalId("ArticlesTable")),
                        ColdStartBench.probeEnvironment(stack, Map.of()));

        // The fresh JVM redeemed the gift, and timed the calls of that first request.
        assertEquals(Gift.State.REDEEMED, giftOf(Files.readAllBytes(event)).state());
        assertTrue(cold.sdkCalls() > 0, cold.toString());
        assertTrue(cold.sdkMicros() > 0, cold.toString());
        assertTrue(cold.sdkMicros() < (cold.firstMs() + 1) * 1_000, cold.toString());
        assertEquals(1, bare.sdkCalls(), "one GetItem: " + bare);
        assertTrue(bare.sdkMicros() > 0, bare.toString());
        // Without the interceptor file the bare row refuses to report, rather than show no SDK
        // time; and the bench refuses such a probe class path before it measures.
        IllegalStateException untimed =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                ColdStartBench.measure(
                                        java,
                                        target.jvmOptions(),
                                        target.jar() + File.pathSeparator + probe,
                                        List.of("--sdk", stack.physicalId("ArticlesTable")),
                                        ColdStartBench.probeEnvironment(stack, Map.of())));
        assertTrue(untimed.getMessage().contains("No SDK call was timed"), untimed.getMessage());
        assertThrows(IllegalStateException.class, () -> WarmPathBench.requireTimedProbe(probe));
    }

    @Test
    void isolatedFunction_shouldRunTheWarmPathOnTheJarsOwnSdk_timedOncePerCall(
            @TempDir Path interceptors) throws Exception {
        installTimer(interceptors);
        ColdStartBench.Target target = targets.get("MembershipStatsFunction");
        String table = stack.physicalId("ArticlesTable");

        WarmPathBench.Figures figures;
        // As in `make bench`, the bench's own class path holds the interceptor file too.
        try (java.net.URLClassLoader bench =
                        new java.net.URLClassLoader(
                                new java.net.URL[] {interceptors.toUri().toURL()},
                                BenchEventsIT.class.getClassLoader());
                IsolatedFunction function =
                        IsolatedFunction.load(
                                target.jar(),
                                interceptors + File.pathSeparator + probeClasspath(),
                                target.handlerClass(),
                                target.environment(),
                                bench)) {
            assertTrue(bench.getResources(WarmPathBench.INTERCEPTORS).hasMoreElements());
            ClassLoader own = function.handler().getClass().getClassLoader();
            assertSame(function.classLoader(), own);
            // Its SDK is not the bench's: no other row's calls compile its code.
            assertNotSame(
                    DynamoDbClient.class,
                    own.loadClass(DynamoDbClient.class.getName()),
                    "the function's DynamoDB client class");
            assertSame(
                    SdkCallTally.class, own.loadClass(SdkCallTally.class.getName()), "the tally");
            // Measured on a thread of its own, whose context loader is the function's, and which
            // has ended (with what the function kept per thread) when run returns.
            Thread[] ran = new Thread[1];
            ClassLoader context =
                    function.run(
                            () -> {
                                ran[0] = Thread.currentThread();
                                return ran[0].getContextClassLoader();
                            });
            assertNotSame(Thread.currentThread(), ran[0]);
            assertSame(function.classLoader(), context);
            assertFalse(ran[0].isAlive());
            WarmPathBench.Events warm = events.warm(target, 2);
            figures =
                    function.run(
                            () ->
                                    WarmPathBench.measure(
                                            function.handler(),
                                            warm,
                                            () -> function.sdkEntryNanos(table)));
        }

        assertEquals(Map.of(200, WarmPathBench.INVOCATIONS), figures.statuses());
        // One Query per request, timed by the jar's own copy of the timer into the bench's tally.
        assertEquals(1.0, figures.sdkCalls(), figures.toString());
        assertTrue(figures.sdkP50Ms() > 0, figures.toString());
        assertTrue(figures.sdkEntryMs() > 0, figures.toString());
    }

    /** Writes into {@code dir} the SDK's interceptor file naming the timer, as make bench does. */
    private static void installTimer(Path dir) throws Exception {
        Path file = dir.resolve(WarmPathBench.INTERCEPTORS);
        Files.createDirectories(file.getParent());
        Files.writeString(file, SdkCallTimer.class.getName() + "\n");
    }

    /** What {@code make bench} gives a probe besides the function's jar, bar the interceptor. */
    private static String probeClasspath() throws Exception {
        return Path.of(
                        ColdStartProbe.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                + File.pathSeparator
                + Path.of(
                        LambdaEventSerializers.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
    }

    /** The gift whose code {@code event} (a redemption) names. */
    private static Gift giftOf(byte[] event) {
        String code = Json.read(Json.read(event).path("body").asText()).path("code").asText();
        DynamoDbGiftRepository gifts = gifts(BenchEvents.GIFT_REDEEM);
        String id =
                gifts.findGiftIdByCode(GiftCodes.hash(GiftCodes.normalise(code).orElseThrow()))
                        .orElseThrow();
        return gifts.findGift(id).orElseThrow();
    }

    private static DynamoDbGiftRepository gifts(String function) {
        return new DynamoDbGiftRepository(
                MembershipTable.create(
                        stack.dynamo(),
                        MembershipTableSettings.from(
                                Config.from(stack.functions().get(function).environment())),
                        Clock.systemUTC()));
    }

    /** The {@code n}th run's event, handled by a handler constructed for it, as in a fresh JVM. */
    private static Object coldRun(String function, int n) throws Exception {
        return coldRun(function, events.event(targets.get(function), n));
    }

    private static Object coldRun(String function, byte[] event) throws Exception {
        ColdStartBench.Target target = targets.get(function);
        Object handler =
                Class.forName(target.handlerClass())
                        .getConstructor(Map.class)
                        .newInstance(stack.functions().get(function).environment());
        return invoke(handler, event);
    }

    private static Object invoke(Object handler, byte[] event) throws Exception {
        for (Method method : handler.getClass().getMethods()) {
            if (method.getName().equals("handleRequest")
                    && !method.isBridge()
                    && method.getParameterCount() == 2
                    && method.getParameterTypes()[1] == Context.class) {
                Object parsed =
                        LambdaEventSerializers.serializerFor(
                                        method.getParameterTypes()[0],
                                        handler.getClass().getClassLoader())
                                .fromJson(new ByteArrayInputStream(event));
                return method.invoke(handler, parsed, null);
            }
        }
        throw new IllegalStateException(handler.getClass() + " has no typed handleRequest");
    }
}

package org.newsroom.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.json.Json;
import org.newsroom.local.Emulator;
import org.newsroom.local.LocalStack;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.SubscriptionStatus;

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
